using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors.Recovery;

/// <summary>New recovery codes for a signed-in customer after a step-up; the old ones stop working at once.</summary>
public sealed class RecoveryCodeService(AccountStore store, AuditLog audit, SecurityEmails securityEmails, IOptions<MfaOptions> options, TimeProvider time)
{
    public async Task<Outcome<RecoveryCodesResponse>> RegenerateAsync(SessionEntity session, string clientIp, CancellationToken cancellationToken)
    {
        if (StepUp.Require(session, time.GetUtcNow(), options.Value) is { } stepUp)
        {
            return stepUp;
        }

        EmailMessage? notice = null;
        var codes = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is null)
            {
                return AccountChange<IReadOnlyList<string>?>.ReadOnly(null);
            }

            notice = securityEmails.Claim(account, SecurityEmailKind.RecoveryCodesRegenerated, time.GetUtcNow());
            var issued = RecoveryCodes.IssueTo(account);
            return AccountChange<IReadOnlyList<string>?>.Save(issued, audit.Row(account.PartitionKey, AuditEvents.RecoveryCodesRegenerated, clientIp, null));
        }, cancellationToken);
        if (codes is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        securityEmails.Send(notice, session.PartitionKey);
        return new RecoveryCodesResponse(codes);
    }
}

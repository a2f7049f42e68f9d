using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>New recovery codes for a signed-in customer; the old ones stop working at once.</summary>
public sealed class RecoveryCodeService(AccountStore store, AuditLog audit, SecurityEmails securityEmails, Microsoft.Extensions.Options.IOptions<MfaOptions> options, TimeProvider time)
{
    /// <summary>Gives the account 10 new codes (replacing any old ones) and returns them in display form, to be shown once.</summary>
    public static IReadOnlyList<string> IssueTo(AccountEntity account)
    {
        var codes = RecoveryCodes.Generate();
        account.RecoveryCodeHashes = string.Join(' ', codes.Select(c => RecoveryCodes.Hash(RecoveryCodes.Normalize(c))));
        return codes;
    }

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
            return AccountChange<IReadOnlyList<string>?>.Save(IssueTo(account));
        }, cancellationToken);
        if (codes is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        securityEmails.Send(notice, session.PartitionKey);

        await audit.WriteAsync(session.PartitionKey, AuditEvents.RecoveryCodesRegenerated, clientIp, null, cancellationToken);
        return new RecoveryCodesResponse(codes);
    }
}

using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;

namespace CustomerPortal.Functions.Mfa;

/// <summary>New recovery codes for a signed-in customer; the old ones stop working at once.</summary>
public sealed class RecoveryCodeService(AccountStore store)
{
    public async Task<Outcome<RecoveryCodesResponse>> RegenerateAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        var codes = RecoveryCodes.Generate();
        var hashes = string.Join(' ', codes.Select(c => RecoveryCodes.Hash(RecoveryCodes.Normalize(c))));
        var done = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is null)
            {
                return AccountChange<bool>.ReadOnly(false);
            }

            account.RecoveryCodeHashes = hashes;
            return AccountChange<bool>.Save(true);
        }, cancellationToken);
        return done ? new RecoveryCodesResponse(codes) : new PortalError(ErrorCodes.SessionRequired);
    }
}

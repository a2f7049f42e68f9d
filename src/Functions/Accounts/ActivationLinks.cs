using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// Single-use activation links: a new account's (account creation) and a new one for an account not activated yet (support).
/// Only the token's hash is stored; a new link replaces the hash, so the old link stops working.
/// </summary>
public sealed class ActivationLinks(AccountStore store, IOptions<AccountOptions> options, IOptions<PortalOptions> portal, TimeProvider time)
{
    /// <summary>Gives <paramref name="account"/> (not stored yet, or in an account change) a new link's hash and expiry; the link to show once.</summary>
    public ActivationLink Issue(AccountEntity account)
    {
        var secret = SecureTokens.NewToken();
        account.ActivationTokenHash = SecureTokens.Hash(secret);
        account.ActivationExpiresAt = time.GetUtcNow() + options.Value.ActivationLifetime;

        // The token names its account so activation reads one row; same shape as the session cookie.
        var token = new AccountToken(account.PartitionKey, secret).ToString();
        return new ActivationLink(account.PartitionKey, token, new Uri(portal.Value.PublicOrigin, "/activate.html#token=" + token), account.ActivationExpiresAt.Value);
    }

    /// <summary>
    /// A new activation link for an account not activated yet: the old link stops working, and the 72 hours start again.
    /// The caller audits it.
    /// </summary>
    public Task<Outcome<ActivationLink>> RenewAsync(string accountId, CancellationToken cancellationToken)
        => store.ChangeAsync<Outcome<ActivationLink>>(accountId, account =>
        {
            if (account is null)
            {
                return AccountChange<Outcome<ActivationLink>>.ReadOnly(new PortalError(ErrorCodes.AccountNotFound));
            }

            if (account.PasswordHash is not null)
            {
                return AccountChange<Outcome<ActivationLink>>.ReadOnly(new PortalError(ErrorCodes.AccountAlreadyActivated));
            }

            return AccountChange<Outcome<ActivationLink>>.Save(Issue(account));
        }, cancellationToken);
}

/// <summary>
/// Answer of <c>POST /api/admin/accounts</c> and of support's new activation link: the token is shown here once and stored only as a hash.
/// </summary>
public sealed record ActivationLink(string AccountId, string ActivationToken, Uri ActivationUrl, DateTimeOffset ExpiresAt);

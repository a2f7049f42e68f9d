using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Admin;

/// <summary>Creates customer accounts for insurers' and support systems, with a single-use activation token.</summary>
public sealed class AccountCreationService(AccountStore store, AuditLog audit, IOptions<AccountOptions> options, IOptions<PortalOptions> portal, TimeProvider time, PortalMetrics metrics)
{
    public async Task<Outcome<CreateAccountResponse>> CreateAsync(CreateAccountRequest request, string clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var secret = SecureTokens.NewToken();
        var account = new AccountEntity
        {
            PartitionKey = Guid.NewGuid().ToString("N"),
            Email = request.Email!.Trim(),
            ClaimNumber = request.ClaimNumber!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            CreatedAt = now,
            ActivationTokenHash = SecureTokens.Hash(secret),
            ActivationExpiresAt = now + options.Value.ActivationLifetime,
        };

        if (!await store.TryCreateAsync(account, cancellationToken))
        {
            return new PortalError(ErrorCodes.EmailExists);
        }

        await audit.WriteAsync(account.PartitionKey, AuditEvents.AccountCreated, clientIp, null, cancellationToken);
        metrics.SupportAction("account_created");

        return Link(account.PartitionKey, secret, account.ActivationExpiresAt.Value);
    }

    /// <summary>
    /// A new activation link for an account not yet activated (support): a new secret replaces the stored hash, so the old
    /// link stops working, and the 72 hours start again. The caller audits it.
    /// </summary>
    public async Task<Outcome<CreateAccountResponse>> RenewActivationAsync(string accountId, CancellationToken cancellationToken)
    {
        var secret = SecureTokens.NewToken();
        return await store.ChangeAsync<Outcome<CreateAccountResponse>>(accountId, account =>
        {
            if (account is null)
            {
                return AccountChange<Outcome<CreateAccountResponse>>.ReadOnly(new PortalError(ErrorCodes.AccountNotFound));
            }

            if (account.PasswordHash is not null)
            {
                return AccountChange<Outcome<CreateAccountResponse>>.ReadOnly(new PortalError(ErrorCodes.AccountAlreadyActivated));
            }

            account.ActivationTokenHash = SecureTokens.Hash(secret);
            account.ActivationExpiresAt = time.GetUtcNow() + options.Value.ActivationLifetime;
            return AccountChange<Outcome<CreateAccountResponse>>.Save(Link(account.PartitionKey, secret, account.ActivationExpiresAt.Value));
        }, cancellationToken);
    }

    private CreateAccountResponse Link(string accountId, string secret, DateTimeOffset expiresAt)
    {
        // The token names its account so activation reads one row; same shape as the session cookie.
        var token = new AccountToken(accountId, secret).ToString();
        var url = new Uri(portal.Value.PublicOrigin, "/activate.html#token=" + token);
        return new CreateAccountResponse(accountId, token, url, expiresAt);
    }
}

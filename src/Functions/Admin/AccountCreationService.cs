using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Telemetry;

namespace CustomerPortal.Functions.Admin;

/// <summary>Creates customer accounts for insurers' and support systems, with a single-use activation link.</summary>
public sealed class AccountCreationService(AccountStore store, ActivationLinks links, AuditLog audit, TimeProvider time, PortalMetrics metrics)
{
    public async Task<Outcome<ActivationLink>> CreateAsync(CreateAccountRequest request, string clientIp, CancellationToken cancellationToken)
    {
        var account = new AccountEntity
        {
            PartitionKey = Guid.NewGuid().ToString("N"),
            Email = request.Email!.Trim(),
            ClaimNumber = request.ClaimNumber!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var link = links.Issue(account);

        if (!await store.TryCreateAsync(account, cancellationToken))
        {
            return new PortalError(ErrorCodes.EmailExists);
        }

        await audit.WriteAsync(account.PartitionKey, AuditEvents.AccountCreated, clientIp, null, cancellationToken);
        metrics.SupportAction("account_created");
        return link;
    }
}

using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Privacy;

/// <summary>
/// The housekeeping job's part of rule DP5: an account whose claim closed <c>Retention:DeleteAfterDays</c> ago is deleted
/// (<see cref="AccountDeletion"/>), and its customer is emailed <c>Retention:WarningDays</c> before, once. An open claim's account
/// is never touched. One filtered query over account rows (RowKey <c>account</c>, a closed date old enough).
/// </summary>
public sealed class AccountRetention(
    PortalTables tables,
    AccountStore accounts,
    AccountDeletion deletion,
    SecurityEmails securityEmails,
    AuditLog audit,
    IOptions<RetentionOptions> options)
{
    /// <summary>Warns and deletes what is due at <paramref name="now"/>; returns (warned, deleted). Stops after a page when <paramref name="budgetLeft"/> says so.</summary>
    public async Task<(int Warned, int Deleted, bool Complete)> RunAsync(DateTimeOffset now, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var warnBefore = now - settings.WarnAfter;
        var filter = TableClient.CreateQueryFilter($"RowKey eq {AccountEntity.Row} and ClaimClosedAt le {warnBefore}");
        var due = new List<AccountEntity>();
        try
        {
            await foreach (var account in tables.Existing(TableNames.Accounts).QueryAsync<AccountEntity>(filter, cancellationToken: cancellationToken))
            {
                due.Add(account);
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            // No Accounts table yet: no account at all.
            return (0, 0, true);
        }

        int warned = 0, deleted = 0;
        foreach (var account in due)
        {
            if (!budgetLeft())
            {
                return (warned, deleted, false);
            }

            if (account.ClaimClosedAt is not { } closedAt)
            {
                continue;
            }

            if (closedAt + settings.DeleteAfter <= now)
            {
                var outcome = await deletion.DeleteAsync(account.PartitionKey, DeletionBy.Retention, agent: null, agentName: null, reason: null, cancellationToken);
                deleted += outcome.Succeeded ? 1 : 0;
                continue;
            }

            if (account.RetentionWarnedAt is not null)
            {
                continue;
            }

            var deletesAt = closedAt + settings.DeleteAfter;
            var email = await accounts.ChangeAsync(account, current =>
            {
                if (current is not { ClaimClosedAt: not null, RetentionWarnedAt: null })
                {
                    return AccountChange<EmailMessage?>.ReadOnly(null);
                }

                current.RetentionWarnedAt = now;
                return AccountChange<EmailMessage?>.Save(securityEmails.Compose(SecurityEmailKind.AccountDeletionWarning, current, now, details: new SecurityEmailDetails(DeletesAt: current.ClaimClosedAt.Value + settings.DeleteAfter)));
            }, cancellationToken);

            if (email is not null)
            {
                await securityEmails.SendAsync(email, account.PartitionKey);
                await audit.WriteAsync(account.PartitionKey, AuditEvents.RetentionWarningSent, ClientIp.Unknown, SecurityEmailTexts.When(deletesAt), cancellationToken);
                warned++;
            }
        }

        return (warned, deleted, true);
    }
}

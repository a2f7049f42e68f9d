using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Privacy;

/// <summary>
/// Reads a deleted account's pseudonymized trail back from its id (rule DP4): an investigation by the insurer's systems, which
/// know the id (they created the account, and <c>account.deleted</c> names it). The key that names the partition never leaves
/// the portal, and nothing lists the <c>deleted-…</c> partitions, so the trail is found by id only, not browsed.
/// </summary>
public sealed class DeletedTrail(PortalTables tables, AccountDeletion deletion)
{
    /// <summary>The most events one answer holds, newest first (a trail is kept 400 days: far fewer in practice).</summary>
    public const int MaxEvents = 1000;

    /// <summary>The kept events, newest first; <c>account_not_found</c> when there are none (never deleted, or past retention).</summary>
    public async Task<Outcome<DeletedTrailResponse>> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!AccountDeletion.IsAccountId(accountId))
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var events = new List<DeletedTrailEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {deletion.Pseudonym(accountId)}");
        try
        {
            await foreach (var row in tables.Existing(TableNames.Accounts).QueryAsync<AuditEntity>(filter, cancellationToken: cancellationToken))
            {
                events.Add(new DeletedTrailEvent(row.Event, row.At, row.Agent, row.AgentName, row.Detail, row.Reason));
                if (events.Count == MaxEvents)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No Accounts table yet: nothing was ever deleted.
        }

        return events.Count == 0 ? new PortalError(ErrorCodes.AccountNotFound) : new DeletedTrailResponse(events);
    }
}

/// <summary>Answer of <c>GET /api/admin/deleted-accounts/{id}/events</c>: the kept events, newest first.</summary>
public sealed record DeletedTrailResponse(IReadOnlyList<DeletedTrailEvent> Events);

/// <summary>
/// One kept event: its name, time and the support agent; for the deletion itself (<c>account-deleted</c>) also who deleted
/// (<c>detail</c>: customer, support, admin or retention) and the reason given. No email, phone, IP address or customer's words.
/// </summary>
public sealed record DeletedTrailEvent(string Event, DateTimeOffset At, string? Agent, string? AgentName, string? Detail, string? Reason);

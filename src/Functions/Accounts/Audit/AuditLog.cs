using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Accounts.Audit;

/// <summary>
/// Writes security events: time, account, event, client IP and a non-secret detail. An account's events live in its own
/// partition of the Accounts table (row keys of inverted ticks, which sort before <c>account</c>), so an event can go in the
/// same transaction as the change it records (<see cref="Row"/>) and costs that request nothing; events that name no account
/// (an unknown email) in its <see cref="UnknownAccount"/> partition. The Audit table holds only the events written before
/// they moved there: read with the account's, and deleted by the housekeeping job as they age.
/// </summary>
public sealed partial class AuditLog(PortalTables tables, TimeProvider time, PortalMetrics metrics, ILogger<AuditLog> logger)
{
    /// <summary>The partition for events that name no existing account (e.g. sign-in with an unknown email).</summary>
    public const string UnknownAccount = "unknown-account";

    /// <summary>The first RowKey after every audit row key (':' follows '9'), for range queries in an account's partition.</summary>
    public const string RowKeyEnd = ":";

    /// <summary>
    /// The smallest row key of an event older than <paramref name="before"/>: row keys start with inverted ticks (newest
    /// first), so every row key at or above this one (and below <see cref="RowKeyEnd"/>) is an older event, in any partition.
    /// </summary>
    public static string FirstRowKeyOlderThan(DateTimeOffset before) => $"{DateTimeOffset.MaxValue.UtcTicks - before.UtcTicks + 1:D19}";

    private static string InvertedTicks(DateTimeOffset at) => $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}";

    /// <summary>
    /// The action that records one event of <paramref name="accountId"/>, to go in the transaction of the change it records:
    /// written exactly when that change is, in no request of its own.
    /// </summary>
    public TableTransactionAction Row(string accountId, string auditEvent, string clientIp, string? detail)
        => new(TableTransactionActionType.Add, NewRow(accountId, auditEvent, clientIp, detail, null, null));

    /// <summary>
    /// Writes one event on its own. Always the last write of a request, after the change it records; a storage outage at this
    /// point loses the row (logged as an error and counted in <c>portal.audit.lost</c>) but not the answer, so the customer is
    /// told what was stored.
    /// </summary>
    public Task WriteAsync(string? accountId, string auditEvent, string clientIp, string? detail, CancellationToken cancellationToken)
        => WriteAsync(accountId, auditEvent, clientIp, detail, agent: null, reason: null, cancellationToken);

    /// <summary>As <see cref="WriteAsync(string?, string, string, string?, CancellationToken)"/>, for a support action: who acted and why.</summary>
    public Task WriteAsync(string? accountId, string auditEvent, string clientIp, string? detail, string? agent, string? reason, CancellationToken cancellationToken)
        => WriteAsync(accountId, auditEvent, clientIp, detail, agent, agentName: null, reason, cancellationToken);

    /// <summary>As <see cref="WriteAsync(string?, string, string, string?, CancellationToken)"/>, for a support call: who (id and name) acted and why.</summary>
    public async Task WriteAsync(string? accountId, string auditEvent, string clientIp, string? detail, string? agent, string? agentName, string? reason, CancellationToken cancellationToken)
    {
        var row = NewRow(accountId ?? UnknownAccount, auditEvent, clientIp, detail, agent, reason);
        row.AgentName = agentName;
        try
        {
            var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
            await table.AddEntityAsync(row, cancellationToken);
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 409)
        {
            // The row key is new (time and a GUID), so a conflict is this insert retried after a try whose answer was lost
            // (a timeout) but whose row was stored: the event is written.
        }
        catch (Exception exception) when (StorageOutage.IsOutage(exception, cancellationToken))
        {
            // Failing the answer would not undo the change already stored, only hide it: a session the customer never
            // gets, recovery codes never shown, a logout that looks failed although the session has ended.
            metrics.AuditLost(auditEvent);
            LogNotWritten(logger, auditEvent, row.PartitionKey, detail, row.At);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events of one account, newest first, older than the event whose row key is
    /// <paramref name="afterRowKey"/> (the cursor of the previous page), and whether more follow: one range query in the
    /// account's partition and one in its partition of the Audit table (the events written before they moved there).
    /// </summary>
    public async Task<(IReadOnlyList<AuditEntity> Events, bool More)> ReadAsync(string accountId, int limit, string? afterRowKey, CancellationToken cancellationToken)
    {
        var accounts = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var after = afterRowKey ?? "";
        var trail = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey gt {after} and RowKey lt {RowKeyEnd}");
        var legacy = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey gt {after}");
        var pages = await Task.WhenAll(
            PageAsync(accounts, trail, limit, cancellationToken),
            PageAsync(tables.Existing(TableNames.Audit), legacy, limit, cancellationToken));
        var events = pages[0].Concat(pages[1]).OrderBy(row => row.RowKey, StringComparer.Ordinal).Take(limit + 1).ToList();
        return events.Count > limit ? (events[..limit], true) : (events, false);
    }

    /// <summary>Whether <paramref name="value"/> has the form of an audit row key (inverted ticks, a dash, a GUID), as a paging cursor must.</summary>
    public static bool IsRowKey(string value)
        => value.Length == 52 && value[19] == '-' && value[..19].All(char.IsAsciiDigit) && value[20..].All(char.IsAsciiHexDigitLower);

    // One more than asked tells whether another page follows; the page size keeps it to one request.
    private static async Task<List<AuditEntity>> PageAsync(TableClient table, string filter, int limit, CancellationToken cancellationToken)
    {
        var events = new List<AuditEntity>(limit + 1);
        try
        {
            await foreach (var row in table.QueryAsync<AuditEntity>(filter, maxPerPage: limit + 1, cancellationToken: cancellationToken))
            {
                events.Add(row);
                if (events.Count > limit)
                {
                    break;
                }
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            // No Audit table: nothing was ever written before the events moved.
        }

        return events;
    }

    private AuditEntity NewRow(string partition, string auditEvent, string clientIp, string? detail, string? agent, string? reason)
    {
        var now = time.GetUtcNow();
        return new AuditEntity
        {
            PartitionKey = partition,
            RowKey = $"{InvertedTicks(now)}-{Guid.NewGuid():N}",
            Event = auditEvent,
            At = now,
            ClientIp = clientIp,
            Detail = detail,
            Agent = agent,
            Reason = reason,
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {AuditEvent} for {AccountId} ({Detail}) at {At} not written: Table Storage unavailable")]
    private static partial void LogNotWritten(ILogger logger, string auditEvent, string accountId, string? detail, DateTimeOffset at);
}

using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Accounts.Audit;

/// <summary>Writes security events to the audit table: time, account, event, client IP and a non-secret detail.</summary>
public sealed partial class AuditLog(PortalTables tables, TimeProvider time, ILogger<AuditLog> logger)
{
    /// <summary>The partition for events that name no existing account (e.g. sign-in with an unknown email).</summary>
    public const string UnknownAccount = "unknown-account";

    /// <summary>
    /// The smallest row key of an event older than <paramref name="before"/>: row keys start with inverted ticks (newest
    /// first), so every row key at or above this one is an older event, in any partition.
    /// </summary>
    public static string FirstRowKeyOlderThan(DateTimeOffset before) => $"{DateTimeOffset.MaxValue.UtcTicks - before.UtcTicks + 1:D19}";

    private static string InvertedTicks(DateTimeOffset at) => $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}";

    /// <summary>
    /// Writes one event. Always the last write of a request, after the change it records; a storage outage at this point
    /// loses the row (logged as an error) but not the answer, so the customer is told what was stored.
    /// </summary>
    public Task WriteAsync(string? accountId, string auditEvent, string clientIp, string? detail, CancellationToken cancellationToken)
        => WriteAsync(accountId, auditEvent, clientIp, detail, agent: null, reason: null, cancellationToken);

    /// <summary>As <see cref="WriteAsync(string?, string, string, string?, CancellationToken)"/>, for a support action: who acted and why.</summary>
    public async Task WriteAsync(string? accountId, string auditEvent, string clientIp, string? detail, string? agent, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var partition = accountId ?? UnknownAccount;
        try
        {
            var table = await tables.GetAsync(TableNames.Audit, cancellationToken);
            await table.AddEntityAsync(
                new AuditEntity
                {
                    PartitionKey = partition,
                    RowKey = $"{InvertedTicks(now)}-{Guid.NewGuid():N}",
                    Event = auditEvent,
                    At = now,
                    ClientIp = clientIp,
                    Detail = detail,
                    Agent = agent,
                    Reason = reason,
                },
                cancellationToken);
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
            LogNotWritten(logger, auditEvent, partition, detail, now);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events of one account, newest first, older than the event whose row key is
    /// <paramref name="afterRowKey"/> (the cursor of the previous page), and whether more follow: one partition query.
    /// </summary>
    public async Task<(IReadOnlyList<AuditEntity> Events, bool More)> ReadAsync(string accountId, int limit, string? afterRowKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Audit, cancellationToken);
        var filter = afterRowKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {accountId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey gt {afterRowKey}");
        var events = new List<AuditEntity>(limit + 1);

        // One more than asked tells whether another page follows; the page size keeps it to one request.
        await foreach (var row in table.QueryAsync<AuditEntity>(filter, maxPerPage: limit + 1, cancellationToken: cancellationToken))
        {
            events.Add(row);
            if (events.Count > limit)
            {
                break;
            }
        }

        return events.Count > limit ? (events[..limit], true) : (events, false);
    }

    /// <summary>Whether <paramref name="value"/> has the form of an audit row key (inverted ticks, a dash, a GUID), as a paging cursor must.</summary>
    public static bool IsRowKey(string value)
        => value.Length == 52 && value[19] == '-' && value[..19].All(char.IsAsciiDigit) && value[20..].All(char.IsAsciiHexDigitLower);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {AuditEvent} for {AccountId} ({Detail}) at {At} not written: Table Storage unavailable")]
    private static partial void LogNotWritten(ILogger logger, string auditEvent, string accountId, string? detail, DateTimeOffset at);
}

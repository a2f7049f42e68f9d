using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Audit;

/// <summary>Writes security events to the audit table: time, account, event, client IP and a non-secret detail.</summary>
public sealed partial class AuditLog(PortalTables tables, TimeProvider time, ILogger<AuditLog> logger)
{
    /// <summary>The partition for events that name no existing account (e.g. sign-in with an unknown email).</summary>
    public const string UnknownAccount = "unknown-account";

    /// <summary>
    /// Writes one event. Always the last write of a request, after the change it records; a storage outage at this point
    /// loses the row (logged as an error) but not the answer, so the customer is told what was stored.
    /// </summary>
    public async Task WriteAsync(string? accountId, string auditEvent, string clientIp, string? detail, CancellationToken cancellationToken)
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
                    RowKey = $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}",
                    Event = auditEvent,
                    At = now,
                    ClientIp = clientIp,
                    Detail = detail,
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {AuditEvent} for {AccountId} ({Detail}) at {At} not written: Table Storage unavailable")]
    private static partial void LogNotWritten(ILogger logger, string auditEvent, string accountId, string? detail, DateTimeOffset at);
}

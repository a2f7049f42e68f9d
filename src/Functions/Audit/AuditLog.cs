using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Audit;

/// <summary>Writes security events to the audit table: time, account, event, client IP and a non-secret detail.</summary>
public sealed class AuditLog(PortalTables tables, TimeProvider time)
{
    /// <summary>The partition for events that name no existing account (e.g. sign-in with an unknown email).</summary>
    public const string UnknownAccount = "unknown-account";

    public async Task WriteAsync(string? accountId, string auditEvent, string clientIp, string? detail, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Audit, cancellationToken);
        var now = time.GetUtcNow();
        await table.AddEntityAsync(
            new AuditEntity
            {
                PartitionKey = accountId ?? UnknownAccount,
                RowKey = $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}",
                Event = auditEvent,
                At = now,
                ClientIp = clientIp,
                Detail = detail,
            },
            cancellationToken);
    }
}

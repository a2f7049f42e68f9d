using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Audit;

/// <summary>Writes security events to the audit table: time, account, event, client IP and a non-secret detail.</summary>
public sealed class AuditLog(PortalTables tables, TimeProvider time)
{
    /// <summary>The partition for events that name no existing account (e.g. sign-in with an unknown email).</summary>
    public const string UnknownAccount = "unknown-account";

    /// <summary>
    /// The smallest row key of an event older than <paramref name="before"/>: row keys start with inverted ticks (newest
    /// first), so every row key at or above this one is an older event, in any partition.
    /// </summary>
    public static string FirstRowKeyOlderThan(DateTimeOffset before) => $"{DateTimeOffset.MaxValue.UtcTicks - before.UtcTicks + 1:D19}";

    private static string InvertedTicks(DateTimeOffset at) => $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}";

    public async Task WriteAsync(string? accountId, string auditEvent, string clientIp, string? detail, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Audit, cancellationToken);
        var now = time.GetUtcNow();
        await table.AddEntityAsync(
            new AuditEntity
            {
                PartitionKey = accountId ?? UnknownAccount,
                RowKey = $"{InvertedTicks(now)}-{Guid.NewGuid():N}",
                Event = auditEvent,
                At = now,
                ClientIp = clientIp,
                Detail = detail,
            },
            cancellationToken);
    }
}

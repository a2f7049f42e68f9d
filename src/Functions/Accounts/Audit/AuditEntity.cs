using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Accounts.Audit;

/// <summary>One security event (PartitionKey = account id, RowKey = inverted time, newest first). Never holds a secret.</summary>
public sealed class AuditEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Event { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string ClientIp { get; set; } = "";
    public string? Detail { get; set; }

    /// <summary>The support agent who acted (<c>X-Support-Agent</c>), for support actions; otherwise null.</summary>
    public string? Agent { get; set; }

    /// <summary>Why the support agent acted, as they gave it; otherwise null.</summary>
    public string? Reason { get; set; }
}

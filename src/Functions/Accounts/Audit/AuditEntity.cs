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

    /// <summary>The support agent who acted or looked (their Entra ID object id, <c>oid</c>), for support calls; otherwise null.</summary>
    public string? Agent { get; set; }

    /// <summary>The support agent's display name from their token (<c>name</c>), kept beside the id; otherwise null.</summary>
    public string? AgentName { get; set; }

    /// <summary>Why the support agent acted, as they gave it; otherwise null.</summary>
    public string? Reason { get; set; }
}

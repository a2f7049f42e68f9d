using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// One account of a claim (PartitionKey = <see cref="ClaimKey"/> of the claim number, RowKey = account id): a claim can have
/// several accounts, and support finds them all with one partition query instead of a table scan.
/// </summary>
public sealed class AccountClaimEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}

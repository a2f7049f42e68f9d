using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Accounts;

/// <summary>Maps a normalised email (as <see cref="EmailKey"/>) to its account; its insert is what makes emails unique.</summary>
public sealed class AccountEmailEntity : ITableEntity
{
    public const string Row = "email";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AccountId { get; set; } = "";
}

using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// Credential to account, for passwordless sign-in, where the browser names only the credential
/// (PartitionKey = <see cref="PasskeyStore.Key"/> of the credential id, RowKey = "account").
/// </summary>
public sealed class PasskeyLookupEntity : ITableEntity
{
    public const string Row = "account";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AccountId { get; set; } = "";
}

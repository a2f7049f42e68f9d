using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// What is left of a session that "Sign out other devices" ended, so its browser's next request hears why (issue 27): a row
/// in the account's partition keyed by the session's token hash (RowKey = "signedout-" + hash), read only when that session
/// is not found (never deleted on a read: a page's parallel requests must all hear the same reason), and swept by housekeeping
/// when the session would have expired anyway.
/// </summary>
public sealed class SignedOutMarkerEntity : ITableEntity
{
    public const string RowPrefix = "signedout-";

    /// <summary>The first RowKey after every <see cref="RowPrefix"/> row ('.' follows '-'), for range queries.</summary>
    public const string RowPrefixEnd = "signedout.";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>When the ended session would have expired: after it, its browser would have been told "expired" anyway.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The marker's RowKey for a session's RowKey (both carry the same token hash).</summary>
    public static string RowKeyFor(string sessionRowKey) => RowPrefix + sessionRowKey[SessionEntity.RowPrefix.Length..];
}

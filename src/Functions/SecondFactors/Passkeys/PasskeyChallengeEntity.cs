using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// The options of one WebAuthn ceremony in progress, with their challenge, keyed by what the ceremony is bound to
/// (PartitionKey = purpose and session, or purpose and the passwordless cookie's hash; RowKey = "challenge").
/// </summary>
public sealed class PasskeyChallengeEntity : ITableEntity
{
    public const string Row = "challenge";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The options sent to the browser, as JSON: the verification needs them back exactly.</summary>
    public string OptionsJson { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

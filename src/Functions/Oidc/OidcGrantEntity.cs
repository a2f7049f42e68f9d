using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// One grant (an authorization code redeemed, and the refresh token family that grew from it) in its account's partition of
/// the Accounts table (RowKey = "oidcgrant-" + the grant id the code carried). Its insert is what makes a code single-use; its
/// <see cref="Generation"/> is what makes refresh tokens rotate. Written only by <see cref="OidcGrantStore"/>.
/// </summary>
public sealed class OidcGrantEntity : ITableEntity
{
    public const string RowPrefix = "oidcgrant-";

    /// <summary>The first RowKey after every <see cref="RowPrefix"/> row ('.' follows '-'), for range queries.</summary>
    public const string RowPrefixEnd = "oidcgrant.";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ClientId { get; set; } = "";

    /// <summary>The customer's <c>sub</c>, for the back-channel logout token.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The portal session's id (<c>sid</c> in the id token) the grant was made in: back-channel logout names it.</summary>
    public string? SessionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the family ends (the refresh token's absolute expiry); housekeeping deletes the row after it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>
    /// The generation of the only refresh token of this family that may still be used; each refresh adds one. 0: revoked. A revoked
    /// row stays until it expires, so its code cannot be redeemed again in the meantime (housekeeping deletes it after).
    /// </summary>
    public int Generation { get; set; }

    public const int RevokedGeneration = 0;

    [System.Runtime.Serialization.IgnoreDataMember]
    public bool IsRevoked => Generation == RevokedGeneration;
}

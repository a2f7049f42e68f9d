using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// One registered passkey, in its account's partition of the Accounts table (RowKey = "passkey-" + <see cref="PasskeyStore.Key"/>),
/// so that adding or removing it goes in one transaction with the account row's passkey count.
/// </summary>
public sealed class PasskeyEntity : ITableEntity
{
    public const string RowPrefix = "passkey-";

    /// <summary>The first RowKey after every <see cref="RowPrefix"/> row ('.' follows '-'), for range queries.</summary>
    public const string RowPrefixEnd = "passkey.";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The credential id the authenticator chose (up to 1023 bytes, so the RowKey holds its hash).</summary>
    public byte[] CredentialId { get; set; } = [];

    /// <summary>The credential's public key, COSE-encoded (RFC 9052), as the attestation carried it.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>The authenticator's signature counter at the last accepted use; a use that does not raise it (when non-zero) is refused.</summary>
    public long SignCount { get; set; }

    /// <summary>How the browser reached the authenticator ("internal,hybrid"), handed back to browsers as a hint.</summary>
    public string? Transports { get; set; }

    /// <summary>The authenticator model's AAGUID (all zeroes for "none" attestation from most platforms).</summary>
    public string Aaguid { get; set; } = Guid.Empty.ToString();

    /// <summary>Whether the key may be synced to the customer's other devices (the backup-eligible flag at registration).</summary>
    public bool BackupEligible { get; set; }

    /// <summary>The customer's own name for it ("Work laptop").</summary>
    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The id the API uses for this passkey: the RowKey without its prefix.</summary>
    [IgnoreDataMember]
    public string Id => RowKey[RowPrefix.Length..];
}

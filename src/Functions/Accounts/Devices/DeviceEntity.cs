using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Security;

namespace CustomerPortal.Functions.Accounts.Devices;

/// <summary>
/// A remembered device in its account's partition of the Accounts table (RowKey = "device-" + SHA-256 of the cookie's token;
/// the token itself is never stored). Written only by <see cref="DeviceStore"/>.
/// </summary>
public sealed class DeviceEntity : ITableEntity
{
    public const string RowPrefix = "device-";

    /// <summary>The first RowKey after every <see cref="RowPrefix"/> row ('.' follows '-'), for range queries.</summary>
    public const string RowPrefixEnd = "device.";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>A short name of the browser and system ("Chrome on Windows"), from the User-Agent when it was remembered.</summary>
    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last password sign-in from this device; written at most every <see cref="DeviceRules.LastUsedResolution"/>.</summary>
    public DateTimeOffset LastUsedAt { get; set; }

    /// <summary>When the device is no longer remembered (<see cref="DeviceRules.Lifetime"/> after it was).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Consecutive wrong passwords from this device; at <see cref="DeviceRules.FailuresBeforeForget"/> it is forgotten.</summary>
    public int Failures { get; set; }

    /// <summary>The id the API shows: the start of the token hash, enough to tell an account's devices apart.</summary>
    [IgnoreDataMember]
    public string Id => SecureTokens.ShortId(RowKey, RowPrefix);
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CustomerPortal.Functions.Sms;

/// <summary>
/// One counter row in the <c>SmsCounters</c> table: <paramref name="Scope"/> is what is counted (<c>phone</c>, <c>account</c>,
/// <c>ip</c>, <c>global</c>), the row key is the time window, which ends at <paramref name="WindowEnd"/>. Phone numbers and
/// IP addresses are stored only as SHA-256 hashes, so the counters table holds no number in clear.
/// </summary>
public sealed record SmsCounter(string Scope, string PartitionKey, string RowKey, DateTimeOffset WindowEnd)
{
    public const string PhoneScope = "phone";
    public const string AccountScope = "account";
    public const string ClientIpScope = "ip";
    public const string GlobalScope = "global";

    public static SmsCounter Phone(string phoneE164, DateTimeOffset now) =>
        Hourly(PhoneScope, PhoneScope + ":" + Sha256Hex(phoneE164.Trim()), now);

    public static SmsCounter Account(string accountId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        if (accountId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException("An account id cannot hold '/', '\\', '#', '?' or control characters.", nameof(accountId));
        }

        return Daily(AccountScope, AccountScope + ":" + accountId, now);
    }

    /// <summary>Null when the client IP is unknown: then only the other limits apply.</summary>
    public static SmsCounter? ClientIp(string? clientIp, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(clientIp) ? null : Hourly(ClientIpScope, ClientIpScope + ":" + Sha256Hex(Normalise(clientIp.Trim())), now);

    public static SmsCounter Global(DateTimeOffset now) => Daily(GlobalScope, GlobalScope, now);

    // One IPv6 customer usually holds a whole /64, so per-address counting would let one attacker
    // rotate through billions of addresses; count the /64 instead. IPv4-mapped addresses count as IPv4.
    private static string Normalise(string clientIp)
    {
        if (!IPAddress.TryParse(clientIp, out var address))
        {
            return clientIp;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static SmsCounter Hourly(string scope, string partitionKey, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        return new SmsCounter(scope, partitionKey, start.ToString("yyyyMMddHH", CultureInfo.InvariantCulture), start.AddHours(1));
    }

    private static SmsCounter Daily(string scope, string partitionKey, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return new SmsCounter(scope, partitionKey, start.ToString("yyyyMMdd", CultureInfo.InvariantCulture), start.AddDays(1));
    }

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

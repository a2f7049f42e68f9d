using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Sms;

/// <summary>
/// The counters of the SMS limits, rows of the <c>SmsCounters</c> table: per phone number and per client IP each clock hour,
/// per account and for the whole service each UTC day. Phone numbers and IP addresses appear only as SHA-256 hashes,
/// so the counters table holds no number in clear.
/// </summary>
public static class SmsCounter
{
    public const string PhoneScope = "phone";
    public const string AccountScope = "account";
    public const string ClientIpScope = "ip";
    public const string GlobalScope = "global";

    public static WindowCounter Phone(string phoneE164, DateTimeOffset now) =>
        WindowCounter.Hourly(TableNames.SmsCounters, PhoneScope, WindowCounter.Hash(phoneE164.Trim()), now);

    public static WindowCounter Account(string accountId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return WindowCounter.Daily(TableNames.SmsCounters, AccountScope, accountId, now);
    }

    /// <summary>Null when the client IP is unknown: then only the other limits apply.</summary>
    public static WindowCounter? ClientIp(string? clientIp, DateTimeOffset now) =>
        Http.ClientIp.ForLimits(clientIp) is { } counted ? WindowCounter.Hourly(TableNames.SmsCounters, ClientIpScope, WindowCounter.Hash(counted), now) : null;

    public static WindowCounter Global(DateTimeOffset now) => WindowCounter.Daily(TableNames.SmsCounters, GlobalScope, null, now);
}

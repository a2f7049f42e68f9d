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

    /// <summary>The counter of a client address as per-IP limits count it (<see cref="Http.ClientAddresses.ForLimits"/>).</summary>
    public static WindowCounter ClientIp(string countedAddress, DateTimeOffset now) =>
        WindowCounter.Hourly(TableNames.SmsCounters, ClientIpScope, WindowCounter.Hash(countedAddress), now);

    public static WindowCounter Global(DateTimeOffset now) => WindowCounter.Daily(TableNames.SmsCounters, GlobalScope, null, now);
}

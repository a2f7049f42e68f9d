using Azure;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>One counter row as read: its count and the ETag to change it on (null when the row does not exist yet).</summary>
public readonly record struct CounterRow(int Count, ETag? ETag);

/// <summary>
/// The throttle's counts for one request, read before the password is hashed: the client address's and its range's rows of the
/// window (none when the address is unknown), and one random shard of the service-wide count.
/// </summary>
public sealed record ThrottleCounts(
    ThrottleAddress? Address,
    CounterRow AddressRow,
    CounterRow RangeRow,
    int Shard,
    CounterRow ShardRow,
    ThrottleWindow Window)
{
    /// <summary>
    /// The service-wide failed sign-ins of the window, estimated from the one shard read: failures go to a shard at random, so each
    /// holds about an equal share (a shard of 1/16 near the default limit of 300 is within about ±15 % of its share at one standard deviation).
    /// </summary>
    public long ServiceWideEstimate(int shards) => (long)ShardRow.Count * shards;
}

/// <summary>A counting window: its start (which names its rows) and its end (when its rows expire, and what Retry-After waits for).</summary>
public readonly record struct ThrottleWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The window holding <paramref name="now"/>: windows start at whole multiples of <paramref name="length"/> since the Unix epoch.</summary>
    public static ThrottleWindow At(DateTimeOffset now, TimeSpan length)
    {
        var ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var start = DateTimeOffset.UnixEpoch.AddTicks(ticks - (ticks % length.Ticks));
        return new ThrottleWindow(start, start + length);
    }

    /// <summary>The row key part naming the window, e.g. <c>202611281215</c> (UTC).</summary>
    public string Key => Start.UtcDateTime.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
}

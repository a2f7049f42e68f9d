using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// One counter of a limit, counted by <see cref="CounterStore"/>: a row of <paramref name="Table"/> whose partition is what is
/// counted (<c>{scope}</c> or <c>{scope}:{subject}</c>) and whose row key is the UTC window it counts in (<c>yyyyMMddHH</c> for
/// a clock hour, <c>yyyyMMdd</c> for a day), which ends at <paramref name="WindowEnd"/>.
/// </summary>
public sealed record WindowCounter(string Table, string Scope, string PartitionKey, string RowKey, DateTimeOffset WindowEnd)
{
    /// <summary>The counter of the UTC clock hour holding <paramref name="now"/>.</summary>
    public static WindowCounter Hourly(string table, string scope, string? subject, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        return new WindowCounter(table, scope, PartitionFor(scope, subject), start.ToString("yyyyMMddHH", CultureInfo.InvariantCulture), start.AddHours(1));
    }

    /// <summary>The counter of the UTC day holding <paramref name="now"/>.</summary>
    public static WindowCounter Daily(string table, string scope, string? subject, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return new WindowCounter(table, scope, PartitionFor(scope, subject), start.ToString("yyyyMMdd", CultureInfo.InvariantCulture), start.AddDays(1));
    }

    /// <summary>SHA-256 hex: how a phone number or an address is named in a counters table, never in clear.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string PartitionFor(string scope, string? subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        if (subject is null)
        {
            return scope;
        }

        // Table keys may not hold these; callers pass ids and hashes, so one here is a bug.
        if (subject.Length == 0 || subject.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException("A counter subject cannot be empty or hold '/', '\\', '#', '?' or control characters.", nameof(subject));
        }

        return scope + ":" + subject;
    }
}

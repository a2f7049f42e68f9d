using System.Globalization;
using Cronos;

namespace CustomerPortal.LocalHost;

/// <summary>
/// A timer trigger's schedule as the Functions host reads it: NCRONTAB with seconds (<c>0 7 * * * *</c>) or without
/// (five fields), in UTC, or a fixed interval (<c>hh:mm:ss</c>).
/// </summary>
public sealed class TimerSchedule
{
    private readonly CronExpression? cron;
    private readonly TimeSpan interval;

    private TimerSchedule(CronExpression? cron, TimeSpan interval)
    {
        this.cron = cron;
        this.interval = interval;
    }

    public static TimerSchedule Parse(string schedule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        if (TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(null, interval);
        }

        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return new TimerSchedule(CronExpression.Parse(schedule, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard), TimeSpan.Zero);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
        => cron is null
            ? after + interval
            : cron.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? throw new InvalidOperationException("The schedule has no further occurrence.");
}

using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>The housekeeping timer: every hour at minute 7 (UTC), deletes and clears what has expired (<see cref="HousekeepingJob"/>).</summary>
public sealed class HousekeepingFunction(HousekeepingJob job)
{
    /// <summary>NCRONTAB with seconds: hourly, so sessions and counters never pile up for long; off the hour, when other jobs run.</summary>
    public const string Schedule = "0 7 * * * *";

    [Function(nameof(Housekeeping))]
    public Task Housekeeping([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
        => job.RunAsync(cancellationToken);
}

using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.LocalHost;

/// <summary>
/// Runs the timer-triggered functions of <c>functions.metadata</c> on their schedules (UTC), as the Functions host does in
/// Azure, so a local run cleans up after itself too. A failed run is logged and the next occurrence runs as usual; a run
/// never overlaps itself. Time comes from the registered <see cref="TimeProvider"/>, so a test can move it.
/// </summary>
public sealed partial class TimerFunctionScheduler(
    IServiceProvider services,
    TimeProvider time,
    ILogger<TimerFunctionScheduler> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new("CustomerPortal.LocalHost");

    /// <summary>Runs of each function so far, for tests and for a look in the debugger.</summary>
    public IReadOnlyDictionary<string, int> Runs => runs;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> runs = new(StringComparer.Ordinal);

    /// <summary>Raised after each run (failed or not), with the function's name.</summary>
    public event Action<string>? Ran;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var metadataPath = Path.Combine(AppContext.BaseDirectory, FunctionMetadataReader.FileName);
        var timers = FunctionMetadataReader.ReadTimers(metadataPath).Select(TimerFunctionInvoker.Create).ToList();
        return Task.WhenAll(timers.Select(timer => RunOnScheduleAsync(timer, stoppingToken)));
    }

    private async Task RunOnScheduleAsync(TimerFunctionInvoker timer, CancellationToken stoppingToken)
    {
        var last = (DateTimeOffset?)null;
        var next = timer.Function.RunOnStartup ? time.GetUtcNow() : timer.Schedule.Next(time.GetUtcNow());
        LogScheduled(logger, timer.Function.Name, timer.Function.Schedule, next);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var now = time.GetUtcNow();
            var following = timer.Schedule.Next(now);
            var info = new TimerInfo
            {
                ScheduleStatus = new ScheduleStatus { Last = (last ?? now).UtcDateTime, Next = following.UtcDateTime, LastUpdated = now.UtcDateTime },
                IsPastDue = now - next > TimeSpan.FromMinutes(1),
            };
            await RunOnceAsync(timer, info, stoppingToken);
            last = now;
            next = following;
        }
    }

    private async Task RunOnceAsync(TimerFunctionInvoker timer, TimerInfo info, CancellationToken stoppingToken)
    {
        using var activity = Source.StartActivity(timer.Function.Name, ActivityKind.Server);
        activity?.SetTag("faas.trigger", "timer");
        try
        {
            await timer.InvokeAsync(services, info, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            LogFailed(logger, exception, timer.Function.Name);
        }
        finally
        {
            runs.AddOrUpdate(timer.Function.Name, 1, (_, count) => count + 1);
            Ran?.Invoke(timer.Function.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {Function} ({Schedule}, UTC) runs next at {Next:u}")]
    private static partial void LogScheduled(ILogger logger, string function, string schedule, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}

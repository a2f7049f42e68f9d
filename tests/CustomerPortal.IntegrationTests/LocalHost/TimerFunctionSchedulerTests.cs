using Azure.Data.Tables;
using CustomerPortal.Functions.Housekeeping;
using CustomerPortal.Functions.Storage;
using CustomerPortal.LocalHost;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.LocalHost;

/// <summary>The local host runs the timer functions of <c>functions.metadata</c> on their schedules, as the Functions host does.</summary>
public sealed class TimerFunctionSchedulerTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Metadata_HasTheHousekeepingTimer_WithTheScheduleOfItsAttribute()
    {
        var timers = FunctionMetadataReader.ReadTimers(Path.Combine(AppContext.BaseDirectory, FunctionMetadataReader.FileName));

        var housekeeping = Assert.Single(timers);
        Assert.Equal("Housekeeping", housekeeping.Name);
        Assert.Equal(HousekeepingFunction.Schedule, housekeeping.Schedule);
        Assert.False(housekeeping.RunOnStartup);
    }

    [Theory]
    [InlineData("0 7 * * * *", "2026-11-28T12:30:00Z", "2026-11-28T13:07:00Z")]
    [InlineData("0 7 * * * *", "2026-11-28T12:07:00Z", "2026-11-28T13:07:00Z")]
    [InlineData("*/5 * * * *", "2026-11-28T12:31:10Z", "2026-11-28T12:35:00Z")]
    [InlineData("0 30 2 * * *", "2026-11-28T12:30:00Z", "2026-11-29T02:30:00Z")]
    [InlineData("00:10:00", "2026-11-28T12:30:00Z", "2026-11-28T12:40:00Z")]
    public void Schedule_NextOccurrence_IsInUtc_AsInAzure(string schedule, string after, string next)
    {
        var occurrence = TimerSchedule.Parse(schedule).Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), occurrence);
    }

    [Fact]
    public async Task LocalHost_RunsHousekeeping_AtItsNextOccurrence_AndNotBefore()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 30, 0, TimeSpan.Zero));
        await using var host = await PortalTestHost.StartAsync(
            storage.ConnectionString,
            new Dictionary<string, string?> { [LocalOperations.RunTimersSetting] = "true" },
            services => services.AddSingleton<TimeProvider>(time));
        var scheduler = host.Services.GetRequiredService<TimerFunctionScheduler>();
        var ran = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.Ran += name => ran.TrySetResult(name);
        var counters = await host.Services.GetRequiredService<PortalTables>().GetAsync(TableNames.SmsCounters);
        await counters.AddEntityAsync(new TableEntity("global", "20261127") { ["Count"] = 3, ["ExpiresAt"] = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero) });

        time.Advance(TimeSpan.FromMinutes(36));
        await Task.Delay(200);
        Assert.Empty(scheduler.Runs);
        time.Advance(TimeSpan.FromMinutes(1));
        var name = await ran.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Housekeeping", name);
        Assert.Empty(counters.Query<TableEntity>().ToList());
    }
}

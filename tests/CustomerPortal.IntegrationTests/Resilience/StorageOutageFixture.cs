using Azure.Core.Pipeline;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Resilience;

/// <summary>
/// An Azurite on disk that tests stop and start again, and the local host on it with a fake clock, a <see cref="StorageTap"/>
/// and short storage settings (1 s network timeout, 1 retry), so an outage is answered within about 2 seconds.
/// </summary>
public sealed class StorageOutageFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public StorageTap Tap { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public AzuriteServer Azurite { get; private set; } = null!;

    public PortalTestHost Host { get; private set; } = null!;

    public RecordingSmsSender Sms => Host.Services.GetRequiredService<RecordingSmsSender>();

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartOnDiskAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:NetworkTimeout"] = "00:00:01",
            ["Storage:MaxRetries"] = "1",
            // Every test texts from 127.0.0.1; the class is not about the per-IP limit.
            ["Sms:MaxSendsPerClientIpPerHour"] = "100",
        };
        Host = await PortalTestHost.StartAsync(Azurite.ConnectionString, settings, services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<HttpPipelinePolicy>(Tap);
            services.AddSingleton<OutboxSmsSender>();
            services.AddSingleton<RecordingSmsSender>();
            services.AddSingleton<ISmsSender>(provider => provider.GetRequiredService<RecordingSmsSender>());
            services.AddLogging(logging => logging.AddProvider(Logs));
        });
    }

    public PortalClient NewClient() => new(Host.CreateClient());

    /// <summary>Storage goes away: Azurite stops, keeping its data on disk.</summary>
    public Task OutageAsync() => Azurite.StopAsync();

    /// <summary>Storage comes back with the data it had, on the same port; the tap is disarmed.</summary>
    public async Task RestoreAsync()
    {
        Tap.Disarm();
        Azurite.Resume();
        if (!Azurite.IsRunning)
        {
            await Azurite.RestartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>Real Azurite and the local host on loopback, with a fake clock the tests move instead of sleeping.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public AzuriteServer Azurite { get; private set; } = null!;

    public PortalTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        Host = await PortalTestHost.StartAsync(Azurite.ConnectionString, services: services => services.AddSingleton<TimeProvider>(Time));
    }

    public PortalClient NewClient() => new(Host.CreateClient());

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

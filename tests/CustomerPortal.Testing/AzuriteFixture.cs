namespace CustomerPortal.Testing;

/// <summary>An xunit fixture holding one Azurite for a test class or collection.</summary>
public sealed class AzuriteFixture : Xunit.IAsyncLifetime
{
    public AzuriteServer Azurite { get; private set; } = null!;

    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync() => Azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

using System.Net;
using System.Text.Json;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Health;

/// <summary><c>GET /api/health</c> against a real Azurite that is up, then stopped.</summary>
public sealed class HealthFunctionTests
{
    [Fact]
    public async Task Health_WithStorageUp_Returns200WithVersion()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString);
        using var client = host.CreateClient();

        var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("up", body.RootElement.GetProperty("storage").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Health_WithStorageStopped_Returns503Problem()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString);
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);

        await azurite.StopAsync();
        var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("storage_unavailable", body.RootElement.GetProperty("code").GetString());
        Assert.Equal(503, body.RootElement.GetProperty("status").GetInt32());
    }
}

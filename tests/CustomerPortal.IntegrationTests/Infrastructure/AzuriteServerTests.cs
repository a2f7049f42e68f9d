using System.Net;
using System.Net.Sockets;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>The harness's Azurite counts as started only once it serves its own port, never because something else answers there.</summary>
public sealed class AzuriteServerTests
{
    [Fact]
    public async Task ATablePortHeldByAnotherProcess_IsNoStartedAzurite_ThoughItAcceptsConnections()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = ((IPEndPoint)other.LocalEndpoint).Port;

        // Azurite's Queue service comes up, then its Table service fails on the taken port and the process exits; both ports
        // accept connections for a moment, which is what an earlier check by connecting took for a started Azurite.
        var server = await AzuriteServer.TryStartAsync(taken, FreePort.Next(), FreePort.Next());
        if (server is not null)
        {
            await server.DisposeAsync(); // a wrong answer leaves no node process behind
        }

        Assert.Null(server);
    }

    [Fact]
    public async Task AStartedAzurite_ServesItsTablePort()
    {
        await using var server = await AzuriteServer.StartAsync();
        using var http = new HttpClient();

        // Azurite answers a request without a signature with its own error: it is Azurite on that port, not just a socket.
        var response = await http.GetAsync($"http://127.0.0.1:{server.Port}/devstoreaccount1/Tables");

        Assert.True(server.IsRunning);
        Assert.Contains("x-ms-request-id", response.Headers.Select(header => header.Key), StringComparer.OrdinalIgnoreCase);
    }
}

using System.Diagnostics;
using System.Net.Sockets;

namespace CustomerPortal.Testing;

/// <summary>
/// A real Azurite Table service (the npm package pinned in package.json), in memory, on a free
/// loopback port. Tests start and stop it themselves; nothing is shared with a developer's Azurite.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's published development account; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;

    private AzuriteServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public bool IsRunning => !process.HasExited;

    public static async Task<AzuriteServer> StartAsync()
    {
        var script = Path.Combine(RepositoryPaths.NodeModules, "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run the README's test command, which runs 'npm ci' first.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var start = new ProcessStartInfo("node")
            {
                ArgumentList = { script, "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new AzuriteServer(process, port);
            if (await server.WaitUntilListeningAsync(TimeSpan.FromSeconds(30)))
            {
                return server;
            }

            await server.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException("Azurite did not start listening within 30 seconds, three times.");
            }
        }
    }

    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    private async Task<bool> WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }
}

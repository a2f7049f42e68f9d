using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace CustomerPortal.Testing;

/// <summary>
/// A real Azurite Table service (the npm package pinned in package.json) on a free loopback port: in memory, or on disk
/// for outage tests that stop it and start it again on the same port with the same data (<see cref="StartOnDiskAsync"/>).
/// Tests start and stop it themselves; nothing is shared with a developer's Azurite.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's published development account; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int SigCont = 18;
    private const int SigStop = 19;

    // Node and Azurite's modules can take several seconds to load on a busy machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string? location;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private bool serving = true;

    private AzuriteServer(Process process, int port, int queuePort, string? location)
    {
        this.process = process;
        this.location = location;
        Port = port;
        QueuePort = queuePort;
        process.OutputDataReceived += (_, line) =>
        {
            // Null: the output ended, so did the process; waits for a line stop there.
            if (line.Data is null)
            {
                lines.Writer.TryComplete();
            }
            else
            {
                lines.Writer.TryWrite(line.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The Table service's port.</summary>
    public int Port { get; }

    /// <summary>The Queue service's port (the outbox).</summary>
    public int QueuePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    /// <summary>Whether Azurite is serving requests (it may still be paused).</summary>
    public bool IsRunning => !process.HasExited && serving;

    /// <summary>An Azurite that keeps its data in memory, gone when it stops.</summary>
    public static async Task<AzuriteServer> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync(FreePort.Next(), FreePort.Next(), FreePort.Next()) is { } server)
            {
                return server;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("Azurite did not start listening within 30 seconds, three times.");
            }
        }
    }

    /// <summary>
    /// An in-memory Azurite on the given ports, or null (after stopping it) when it does not serve its Table service on
    /// <paramref name="port"/> within 30 seconds: a port taken by another process makes it exit.
    /// </summary>
    public static async Task<AzuriteServer?> TryStartAsync(int port, int queuePort, int blobPort)
    {
        // Azurite's own entry point with every service (Blob too: it cannot be left out).
        var script = Path.Combine(Path.GetDirectoryName(TableDist())!, "azurite.js");
        var server = new AzuriteServer(
            Node(script, "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
                "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(), "--extentMemoryLimit", "256", "--skipApiVersionCheck", "--disableTelemetry", "--silent"),
            port,
            queuePort,
            null);
        if (await server.WaitUntilServingAsync(TimeSpan.FromSeconds(30)))
        {
            return server;
        }

        await server.DisposeAsync();
        return null;
    }

    /// <summary>
    /// An Azurite that keeps its data in a new temporary folder (deleted on dispose), so <see cref="RestartAsync"/> after
    /// <see cref="StopAsync"/> serves the same tables and rows on the same port: a storage outage and its end. It runs in a
    /// Node process that stays up (tests/CustomerPortal.Testing/azurite-restartable.cjs), so a restart takes a moment.
    /// </summary>
    public static async Task<AzuriteServer> StartOnDiskAsync()
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "CustomerPortal.Testing", "azurite-restartable.cjs");
        var folder = Directory.CreateTempSubdirectory("azurite-").FullName;
        var port = FreePort.Next();
        var queuePort = FreePort.Next();
        var server = new AzuriteServer(Node(script, TableDist(), "127.0.0.1", port.ToString(), folder, queuePort.ToString()), port, queuePort, folder);
        server.process.StandardInput.AutoFlush = true;
        if (!await server.WaitForLineAsync(line => line == "started", StartTimeout))
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"Azurite on disk did not start within {StartTimeout.TotalSeconds} seconds.");
        }

        return server;
    }

    /// <summary>
    /// Stops Azurite: its port is closed. One on disk first saves its data (as it does every few seconds anyway), and
    /// keeps it for <see cref="RestartAsync"/>; one in memory is killed.
    /// </summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        Resume();
        if (location is null)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return;
        }

        await process.StandardInput.WriteLineAsync("stop");
        if (!await WaitForLineAsync(line => line == "stopped", StartTimeout))
        {
            throw new InvalidOperationException("Azurite on disk did not stop.");
        }

        serving = false;
    }

    /// <summary>Starts a stopped on-disk Azurite again, on the same port with the same data.</summary>
    public async Task RestartAsync()
    {
        if (location is null)
        {
            throw new InvalidOperationException("Only an Azurite started with StartOnDiskAsync keeps its data across a restart.");
        }

        if (serving)
        {
            return;
        }

        await process.StandardInput.WriteLineAsync("start");
        if (!await WaitForLineAsync(line => line == "started", StartTimeout))
        {
            throw new InvalidOperationException($"Azurite on disk did not start again on port {Port}.");
        }

        serving = true;
    }

    /// <summary>Freezes Azurite (SIGSTOP): connections are still accepted but nothing is answered, so every request times out.</summary>
    public void Pause()
    {
        if (OperatingSystem.IsWindows() || Kill(process.Id, SigStop) != 0)
        {
            throw new PlatformNotSupportedException("Pausing Azurite needs a Unix signal.");
        }
    }

    /// <summary>Lets a paused Azurite go on (SIGCONT); requests it accepted meanwhile are then served.</summary>
    public void Resume()
    {
        if (!OperatingSystem.IsWindows() && !process.HasExited)
        {
            _ = Kill(process.Id, SigCont);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (location is not null)
        {
            try
            {
                Directory.Delete(location, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder; the system cleans it up eventually.
            }
        }
    }

    private static string TableDist()
    {
        var dist = Path.Combine(RepositoryPaths.NodeModules, "azurite", "dist", "src", "table");
        if (!File.Exists(Path.Combine(dist, "main.js")))
        {
            throw new InvalidOperationException($"Azurite is not installed ({dist} is missing). Run the README's test command, which runs 'npm ci' first.");
        }

        return dist;
    }

    private static Process Node(params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
    }

    private async Task<bool> WaitForLineAsync(Func<string, bool> expected, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (!expected(await lines.Reader.ReadAsync(deadline.Token)))
            {
            }

            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Until Azurite says its Table service listens on <see cref="Port"/>, the last of its three services to start. Connecting to
    /// the ports is no proof: another process can hold the free port picked a moment before, and Azurite then exits on
    /// EADDRINUSE after its Queue service is up, so a connection check could pass on a dead Azurite (seen once: every storage
    /// request of that test refused).
    /// </summary>
    private async Task<bool> WaitUntilServingAsync(TimeSpan timeout)
    {
        var listening = $"Azurite Table service is successfully listening at http://127.0.0.1:{Port}";
        return await WaitForLineAsync(line => line == listening, timeout) && !process.HasExited;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

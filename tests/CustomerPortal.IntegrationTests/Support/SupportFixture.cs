using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Support;

/// <summary>
/// Real Azurite and the local host with function keys checked (<c>LocalHost:FunctionKey</c>, as the Functions host does in
/// Azure), a fake clock, the portal's metrics, and every Table Storage request's method and address recorded.
/// </summary>
public sealed class SupportFixture : IAsyncLifetime
{
    public const string Agent = "agent-0042";

    public string FunctionKey { get; } = "key-" + Guid.NewGuid().ToString("N");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public AzuriteServer Azurite { get; private set; } = null!;

    public PortalTestHost Host { get; private set; } = null!;

    public StorageRequestLog Requests { get; } = new();

    public MetricCapture Metrics { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        Host = await PortalTestHost.StartAsync(
            Azurite.ConnectionString,
            new Dictionary<string, string?> { ["LocalHost:FunctionKey"] = FunctionKey },
            services => services.AddSingleton<TimeProvider>(Time).AddSingleton<HttpPipelinePolicy>(Requests));
        Metrics = new MetricCapture(Host.Services.GetRequiredService<IMeterFactory>());
    }

    /// <summary>A customer's browser: no function key.</summary>
    public PortalClient Customer() => new(Host.CreateClient());

    /// <summary>An insurer's system: the function key, no agent (it creates accounts).</summary>
    public PortalClient Insurer()
    {
        var client = new PortalClient(Host.CreateClient());
        client.Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        return client;
    }

    /// <summary>A support agent's tool: the function key and the agent header.</summary>
    public PortalClient Support(string agent = Agent)
    {
        var client = Insurer();
        client.Http.DefaultRequestHeaders.Add("X-Support-Agent", agent);
        return client;
    }

    public async Task DisposeAsync()
    {
        Metrics.Dispose();
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

/// <summary>Every Table Storage request's method and address (the query included), for tests that hold a call to reads by key.</summary>
public sealed class StorageRequestLog : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> requests = new();

    public IReadOnlyList<string> All => [.. requests];

    public void Clear() => requests.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(Request request) => requests.Enqueue($"{request.Method} {Uri.UnescapeDataString(request.Uri.PathAndQuery)}");
}

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
/// Azure), a fake Entra ID tenant whose tokens the support API trusts, a fake clock, the portal's metrics, and every Table
/// Storage request's method and address recorded.
/// </summary>
public sealed class SupportFixture : IAsyncLifetime
{
    /// <summary>The default agent's Entra object id (<c>oid</c>), which audit rows name.</summary>
    public const string Agent = "00000000-0000-0000-0000-00000000a042";

    public const string AgentName = "Alex Agent";

    public static readonly string[] Supervisor = ["Support.Supervisor"];

    public static readonly string[] AgentOnly = ["Support.Agent"];

    /// <summary>Why the tests' agents look an account up or view it (a required <c>reason</c> query parameter).</summary>
    public const string LookReason = "Customer called about the claim";

    public FakeEntraIssuer Entra { get; private set; } = null!;

    public string FunctionKey { get; } = "key-" + Guid.NewGuid().ToString("N");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public AzuriteServer Azurite { get; private set; } = null!;

    public PortalTestHost Host { get; private set; } = null!;

    public StorageRequestLog Requests { get; } = new();

    public MetricCapture Metrics { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        Entra = await FakeEntraIssuer.StartAsync();
        Entra.Clock = Time; // the portal checks token lifetimes on its own (fake) clock
        Host = await PortalTestHost.StartAsync(
            Azurite.ConnectionString,
            new Dictionary<string, string?>(Entra.Settings) { ["LocalHost:FunctionKey"] = FunctionKey },
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

    /// <summary>A support agent's console: their Entra ID bearer token (a supervisor unless <paramref name="roles"/> say otherwise), no function key.</summary>
    public PortalClient Support(string agent = Agent, string[]? roles = null, string name = AgentName)
        => new(new HttpClient(FakeEntraIssuer.FreshTokens(() => Entra.Mint(roles ?? Supervisor, oid: agent, name: name)))
        {
            BaseAddress = Host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        });

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public PortalClient WithToken(string token)
    {
        var client = Customer();
        client.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        Metrics.Dispose();
        await Host.DisposeAsync();
        await Entra.DisposeAsync();
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

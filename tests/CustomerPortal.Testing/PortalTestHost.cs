using CustomerPortal.Functions.Storage;
using CustomerPortal.LocalHost;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Testing;

/// <summary>
/// The portal's local host on a free loopback port (real Kestrel, real HTTP), pointed at a real
/// Azurite with its own table prefix, so test classes sharing one Azurite do not see each other's data.
/// </summary>
public sealed class PortalTestHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private PortalTestHost(WebApplication app, Uri baseAddress, StorageRequestCounter counter)
    {
        this.app = app;
        BaseAddress = baseAddress;
        StorageRequests = counter;
    }

    public Uri BaseAddress { get; }

    /// <summary>Counts every Table Storage request the host makes.</summary>
    public StorageRequestCounter StorageRequests { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The settings every test host gets; tests override single keys.</summary>
    public static Dictionary<string, string?> DefaultSettings(string storageConnectionString) => new()
    {
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
        ["LocalHost:RunTimers"] = "false", // a timer run would move with the fake clock and add storage requests; tests turn it on
        ["Storage:ConnectionString"] = storageConnectionString,
        ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..12],
        ["OutboxQueue"] = "outbox-" + Guid.NewGuid().ToString("N")[..12], // each host its own outbox queues, as its own tables
        ["EventsQueue"] = "events-" + Guid.NewGuid().ToString("N")[..12],
        ["LogoutQueue"] = "logout-" + Guid.NewGuid().ToString("N")[..12],
        // The queue trigger as in host.json, but polling and retrying within a fraction of a second.
        ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
        ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.100",
        ["Encryption:ActiveKeyId"] = "test1",
        ["Encryption:Keys:test1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["Sms:Provider"] = "Outbox",
        ["Sms:From"] = "+18005550100",
        ["Sms:AllowedCountries"] = "US,CA",
        ["SupportContact:Phone"] = "+1 800 555 0199",
        ["SupportContact:Email"] = "support@claims-portal.example",
        ["SupportContact:Hours"] = "Monday to Friday, 8 am to 8 pm Eastern time",
        ["SupportContact:HoursFrCA"] = "du lundi au vendredi, de 8 h à 20 h, heure de l'Est",
        ["SupportContact:HoursEsUS"] = "de lunes a viernes, de 8 a. m. a 8 p. m., hora del Este",
        ["SupportContact:LiveChatUrl"] = "https://chat.claims-portal.example/",

        // Test clients sign in from 127.0.0.1 (or an address they name), many wrong passwords each: the sign-in throttle is for
        // attacks, not for these journeys, so its limits are raised out of the way. Its own tests and the benchmark take the
        // product's defaults back (ProductThrottle).
        ["SignInThrottle:ChallengeAfterPerAddress"] = "1000000",
        ["SignInThrottle:MaxFailuresPerAddress"] = "1000000",
        ["SignInThrottle:ChallengeAfterPerRange"] = "1000000",
        ["SignInThrottle:MaxFailuresPerRange"] = "1000000",
        ["SignInThrottle:ChallengeAfterServiceWide"] = "100000000",

        // No test reaches the internet: the breached-password check is off unless a test points it at a FakePwnedPasswordsServer.
        ["BreachedPasswords:Enabled"] = "false",

        // Support agents sign in with the shared fake Entra ID tenant unless a test names its own.
        ["Support:Authority"] = FakeEntraIssuer.Shared.Settings["Support:Authority"],
        ["Support:TenantId"] = FakeEntraIssuer.Shared.TenantId,
        ["Support:ApiAppId"] = FakeEntraIssuer.Shared.ApiAppId,
    };

    /// <summary>A <c>Support:Authority</c> that stands for the host's own development issuer (<c>/dev/entra</c>), whose address is known only once its port is chosen.</summary>
    public const string OwnDevelopmentIssuer = "(own)";

    /// <summary>Settings that give the sign-in throttle back its product defaults (a null value removes a default test setting).</summary>
    public static IReadOnlyDictionary<string, string?> ProductThrottle { get; } = new Dictionary<string, string?>
    {
        ["SignInThrottle:ChallengeAfterPerAddress"] = null,
        ["SignInThrottle:MaxFailuresPerAddress"] = null,
        ["SignInThrottle:ChallengeAfterPerRange"] = null,
        ["SignInThrottle:MaxFailuresPerRange"] = null,
        ["SignInThrottle:ChallengeAfterServiceWide"] = null,
    };

    public static async Task<PortalTestHost> StartAsync(
        string storageConnectionString,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var values = DefaultSettings(storageConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        // The origin check compares Origin only with configured origins, never with the request's Host, so the host's own
        // address must be configured: a free port is chosen first (and chosen again if another process takes it meanwhile).
        var ownAddress = !values.ContainsKey("LocalHost:Url");
        var ownIssuer = values.TryGetValue("Support:Authority", out var configuredAuthority) && configuredAuthority == OwnDevelopmentIssuer;
        for (var attempt = 1; ; attempt++)
        {
            if (ownIssuer)
            {
                values["Support:Authority"] = OwnDevelopmentIssuer;
            }

            if (ownAddress)
            {
                var url = $"http://127.0.0.1:{FreePort.Next()}";
                values["LocalHost:Url"] = url;
                values["Portal:AllowedOrigins"] = string.Join(',', new[] { settings is not null && settings.TryGetValue("Portal:AllowedOrigins", out var extra) ? extra : null, url }.Where(origin => !string.IsNullOrEmpty(origin)));
            }

            if (values.TryGetValue("Support:Authority", out var authority) && authority == OwnDevelopmentIssuer)
            {
                values["Support:Authority"] = values["LocalHost:Url"] + "/dev/entra";
            }

            var counter = new StorageRequestCounter();
            // Settings go in as command-line arguments: the last and winning source, read before services are registered.
            var args = values.Where(pair => pair.Value is not null).Select(pair => $"--{pair.Key}={pair.Value}").ToArray();
            var app = LocalPortalHost.Build(
                args,
                builder =>
                {
                    builder.Services.AddSingleton<HttpPipelinePolicy>(counter);
                    services?.Invoke(builder.Services);
                },
                readLocalSettingsFile: false);
            try
            {
                await app.StartAsync();
            }
            catch (IOException) when (ownAddress && attempt < 3)
            {
                await app.DisposeAsync();
                continue;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new PortalTestHost(app, new Uri(address), counter);
        }
    }

    public HttpClient CreateClient() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>A client that calls as a support supervisor of the shared fake tenant (bearer token, no function key), each request's token live by this host's clock.</summary>
    public HttpClient CreateSupportClient(string oid = "00000000-0000-0000-0000-00000000a042", string name = "Alex Agent")
    {
        var clock = Services.GetRequiredService<TimeProvider>();
        return new HttpClient(FakeEntraIssuer.FreshTokens(() => FakeEntraIssuer.SharedSupervisorToken(oid, name, clock.GetUtcNow())))
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

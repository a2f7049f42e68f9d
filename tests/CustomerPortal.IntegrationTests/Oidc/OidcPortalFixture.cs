using System.Collections.Concurrent;
using System.Security.Cryptography;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Oidc;

/// <summary>
/// The portal as an OpenID Connect provider: real Azurite, the local host on its own origin (the issuer is on it), two apps
/// registered (a confidential one with a back-channel logout URI, and a public one), and a small receiver standing in for the
/// confidential app's back-channel logout endpoint. The clock is fake but starts now, so the client library's own time checks hold.
/// </summary>
public sealed class OidcPortalFixture : IAsyncLifetime
{
    public const string ConfidentialClientId = "inventory-portal";
    public const string ConfidentialSecret = "inventory-portal-secret-for-tests-0123456789";
    public const string PublicClientId = "claims-portal";
    public const string ConfidentialRedirect = "http://127.0.0.1:5901/signin-oidc";
    public const string ConfidentialPostLogout = "http://127.0.0.1:5901/signout-callback-oidc";
    public const string PublicRedirect = "http://127.0.0.1:5902/callback.html";

    private WebApplication? receiver;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>What the portal logged, through the same filters as the real sinks (no provider-specific level).</summary>
    public CapturedLogs Logs { get; } = new();

    public AzuriteServer Azurite { get; private set; } = null!;

    public PortalTestHost Host { get; private set; } = null!;

    public string Issuer => new Uri(Host.BaseAddress, "api/oidc").AbsoluteUri;

    /// <summary>The logout tokens the confidential app's back-channel endpoint received.</summary>
    public ConcurrentQueue<string> LogoutTokens { get; } = new();

    public async Task InitializeAsync()
    {
        receiver = await StartReceiverAsync();
        var backChannel = receiver.Urls.First() + "/backchannel-logout";
        Azurite = await AzuriteServer.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var nextKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (var attempt = 1; ; attempt++)
        {
            var url = $"http://127.0.0.1:{FreePort.Next()}";
            var settings = new Dictionary<string, string?>
            {
                ["LocalHost:Url"] = url,
                ["Portal:PublicOrigin"] = url,
                ["Oidc:SigningKeys:test1"] = key.ExportPkcs8PrivateKeyPem(),
                ["Oidc:SigningKeys:test2"] = nextKey.ExportPkcs8PrivateKeyPem(),   // the next key: published, not signing
                ["Oidc:ActiveSigningKeyId"] = "test1",
                ["Oidc:Clients:0:ClientId"] = ConfidentialClientId,
                ["Oidc:Clients:0:DisplayName"] = "Inventory Portal",
                ["Oidc:Clients:0:Type"] = "confidential",
                ["Oidc:Clients:0:ClientSecret"] = ConfidentialSecret,
                ["Oidc:Clients:0:RedirectUris"] = ConfidentialRedirect,
                ["Oidc:Clients:0:PostLogoutRedirectUris"] = ConfidentialPostLogout,
                ["Oidc:Clients:0:BackChannelLogoutUri"] = backChannel,
                ["Oidc:Clients:0:AppUrl"] = "http://127.0.0.1:5901/",
                ["Oidc:Clients:1:ClientId"] = PublicClientId,
                ["Oidc:Clients:1:DisplayName"] = "Claims Portal",
                ["Oidc:Clients:1:Type"] = "public",
                ["Oidc:Clients:1:RedirectUris"] = PublicRedirect,
            };
            try
            {
                Host = await PortalTestHost.StartAsync(Azurite.ConnectionString, settings, services => services.AddSingleton<TimeProvider>(Time).AddLogging(logging => logging.AddProvider(Logs)));
                return;
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }

    public PortalClient NewClient() => new(Host.CreateClient());

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }
    }

    private async Task<WebApplication> StartReceiverAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/backchannel-logout", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            LogoutTokens.Enqueue(form["logout_token"].ToString());
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }
}

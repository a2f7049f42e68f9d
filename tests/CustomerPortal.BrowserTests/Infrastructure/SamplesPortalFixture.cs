using CustomerPortal.Samples.ClaimsPortal;
using CustomerPortal.Samples.InventoryPortal;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Builder;

namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal and the two sample apps that sign in through it (issue 22), on different sites as in production: the portal on
/// <c>localhost</c>, the apps on <c>127.0.0.1</c>, so the portal's SameSite=Strict cookie behaves as it would between
/// <c>portal.example.com</c> and <c>claims.example.com</c>. The apps run in this process (InventoryPortalApp, ClaimsPortalApp),
/// registered with the portal as in local.settings.sample.json.
/// </summary>
public sealed class SamplesPortalFixture : BrowserPortalFixture
{
    private readonly int portalPort = FreePort.Next();
    private readonly int inventoryPort = FreePort.Next();
    private readonly int claimsPort = FreePort.Next();
    private WebApplication? inventory;
    private WebApplication? claims;

    public string PortalOrigin => $"http://localhost:{portalPort}";

    public string InventoryUrl => $"http://127.0.0.1:{inventoryPort}/";

    public string ClaimsUrl => $"http://127.0.0.1:{claimsPort}/";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        string[] portal = [$"--Portal:Authority={PortalOrigin}/api/oidc"];
        inventory = InventoryPortalApp.Build([$"--urls={InventoryUrl}", .. portal, "--Portal:ClientId=inventory-portal", $"--Portal:ClientSecret={InventorySecret}"]);
        claims = ClaimsPortalApp.Build([$"--urls={ClaimsUrl}", .. portal, "--Portal:ClientId=claims-portal"]);
        await inventory.StartAsync();
        await claims.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        foreach (var app in new[] { inventory, claims })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        await base.DisposeAsync();
    }

    private const string InventorySecret = "inventory-portal-secret-for-browser-tests";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => new Dictionary<string, string?>
    {
        ["LocalHost:Url"] = PortalOrigin,
        ["Portal:PublicOrigin"] = PortalOrigin,
        ["Portal:AllowedOrigins"] = PortalOrigin,
        ["Oidc:Clients:0:ClientId"] = "inventory-portal",
        ["Oidc:Clients:0:DisplayName"] = "Inventory Portal",
        ["Oidc:Clients:0:ClientSecret"] = InventorySecret,
        ["Oidc:Clients:0:RedirectUris"] = InventoryUrl + "signin-oidc",
        ["Oidc:Clients:0:PostLogoutRedirectUris"] = InventoryUrl + "signout-callback-oidc",
        ["Oidc:Clients:0:BackChannelLogoutUri"] = InventoryUrl + "backchannel-logout",
        ["Oidc:Clients:0:AppUrl"] = InventoryUrl,
        ["Oidc:Clients:1:ClientId"] = "claims-portal",
        ["Oidc:Clients:1:DisplayName"] = "Claims Portal",
        ["Oidc:Clients:1:Type"] = "public",
        ["Oidc:Clients:1:RedirectUris"] = ClaimsUrl + "callback.html",
        ["Oidc:Clients:1:PostLogoutRedirectUris"] = ClaimsUrl + "?signed-out=1",
        ["Oidc:Clients:1:AppUrl"] = ClaimsUrl,
    };
}

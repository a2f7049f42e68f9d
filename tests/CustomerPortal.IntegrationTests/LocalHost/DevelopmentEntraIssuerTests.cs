using System.Net;
using System.Net.Http.Headers;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.LocalHost;

/// <summary>
/// The local host's stand-in Entra ID (issue 24), as a newcomer's ./scripts/run.sh configures it: its tokens open the support
/// API with the role asked for, and its sign-in only ever returns to the console.
/// </summary>
public sealed class DevelopmentEntraIssuerTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ATestSupervisorsToken_OpensTheSupportApi_AndATestAgentsIsRefusedUnlock()
    {
        await using var host = await PortalTestHost.StartAsync(storage.ConnectionString, new Dictionary<string, string?>
        {
            ["Support:Authority"] = PortalTestHost.OwnDevelopmentIssuer,
            ["Support:TenantId"] = "dev",
            ["Support:ApiAppId"] = "dev-support-api",
        });
        using var http = host.CreateClient();

        var page = await http.GetStringAsync("/dev/entra/dev/sign-in?returnTo=%2Fsupport%2F");
        Assert.Contains("Sign in as a test supervisor", page, StringComparison.Ordinal);
        var supervisor = await TokenAsync(http, "supervisor", "/support/");
        var agent = await TokenAsync(http, "agent", "https://evil.example/support/"); // anywhere else goes back to the console

        using var lookup = new HttpRequestMessage(HttpMethod.Get, "/api/support/accounts?claimNumber=CLM-DEV-1&reason=dev");
        lookup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", supervisor);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(lookup)).StatusCode);
        using var unlock = new HttpRequestMessage(HttpMethod.Post, $"/api/support/accounts/{Guid.NewGuid():N}/unlock") { Content = System.Net.Http.Json.JsonContent.Create(new { reason = "dev" }) };
        unlock.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent);
        var refused = await http.SendAsync(unlock);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("support_role_required", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideDevelopment_TheIssuerIsNotThere_404()
    {
        // The local host in Production, set up as in Azure (real providers, a signing key), its support gate even pointed at
        // where the development issuer would be: the issuer is not mapped, so there is nothing to sign in with or trust.
        await using var host = await PortalTestHost.StartAsync(storage.ConnectionString, new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
            ["Sms:Provider"] = "Acs",
            ["Sms:From"] = "+18005550100",
            ["Sms:Acs:Endpoint"] = "https://example.communication.azure.com/",
            ["Email:Provider"] = "Acs",
            ["Email:Acs:Endpoint"] = "https://example.communication.azure.com/",
            ["Oidc:SigningKeys:test1"] = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
            ["Support:Authority"] = PortalTestHost.OwnDevelopmentIssuer,
            ["Support:TenantId"] = "dev",
            ["Support:ApiAppId"] = "dev-support-api",
        });
        using var http = host.CreateClient();

        foreach (var path in new[] { "/dev/entra/dev/sign-in", "/dev/entra/dev/sign-in?role=supervisor&returnTo=%2Fsupport%2F", "/dev/entra/dev/v2.0/.well-known/openid-configuration", "/dev/entra/dev/discovery/v2.0/keys" })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("access_token", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }

        // With no issuer behind it, the gate cannot read the metadata: the support API opens to nobody.
        using var lookup = new HttpRequestMessage(HttpMethod.Get, "/api/support/accounts?claimNumber=CLM-DEV-1&reason=dev");
        lookup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeEntraIssuer.SharedSupervisorToken());
        var refused = await http.SendAsync(lookup);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("support_sign_in_unavailable", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(HttpClient http, string role, string returnTo)
    {
        var response = await http.GetAsync($"/dev/entra/dev/sign-in?role={role}&returnTo={Uri.EscapeDataString(returnTo)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/support/#access_token=", location, StringComparison.Ordinal);
        return Uri.UnescapeDataString(location["/support/#access_token=".Length..location.IndexOf('&', StringComparison.Ordinal)]);
    }
}

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

    private static async Task<string> TokenAsync(HttpClient http, string role, string returnTo)
    {
        var response = await http.GetAsync($"/dev/entra/dev/sign-in?role={role}&returnTo={Uri.EscapeDataString(returnTo)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/support/#access_token=", location, StringComparison.Ordinal);
        return Uri.UnescapeDataString(location["/support/#access_token=".Length..location.IndexOf('&', StringComparison.Ordinal)]);
    }
}

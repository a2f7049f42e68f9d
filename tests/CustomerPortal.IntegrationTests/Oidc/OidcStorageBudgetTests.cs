using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Performance;
using CustomerPortal.Testing;
using Duende.IdentityModel.Client;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Oidc;

/// <summary>
/// Table Storage requests per OpenID Connect call (issue 22): authorization with a live session at most 2 (the session row, and
/// its last-seen time when 5 minutes old), a code's redemption at most 3 (the grant row's insert, the session, the audit row), a
/// refresh 2 (the grant row and its rotation); discovery, JWKS and userinfo none.
/// </summary>
public sealed class OidcStorageBudgetTests(OidcPortalFixture portal, ITestOutputHelper output) : IClassFixture<OidcPortalFixture>
{
    [Fact]
    public async Task Authorize_WithASession_AtMostTwo_TokenExchange_AtMostThree_Refresh_Two_DocumentsAndUserInfo_None()
    {
        using var browser = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        var app = new OidcTestApp(portal);
        await app.SignInAsync(browser); // the steady state: grant rows and the audit rows exist in the partition

        var state = await app.StartAsync();
        var (authorize, back) = await CountAsync(() => OidcTestApp.NavigateAsync(browser, state.StartUrl));
        var (token, tokens) = await CountAsync(() => app.RedeemAsync(OidcTestApp.CodeOf(back), state.CodeVerifier));
        Assert.False(tokens.IsError, tokens.Error);
        portal.Time.Advance(TimeSpan.FromMinutes(6)); // the session's last-seen time is now due to be written
        var stale = await app.StartAsync();
        var (authorizeStale, staleBack) = await CountAsync(() => OidcTestApp.NavigateAsync(browser, stale.StartUrl));
        var (refresh, refreshed) = await CountAsync(() => app.Client.RefreshTokenAsync(tokens.RefreshToken));
        Assert.False(refreshed.IsError, refreshed.Error);
        using var http = portal.Host.CreateClient();
        var (discovery, _) = await CountAsync(() => http.GetStringAsync("/api/oidc/.well-known/openid-configuration"));
        var (jwks, _) = await CountAsync(() => http.GetStringAsync("/api/oidc/jwks"));
        var (userInfo, info) = await CountAsync(() => http.GetUserInfoAsync(new UserInfoRequest { Address = portal.Issuer + "/userinfo", Token = refreshed.AccessToken }));
        Assert.False(info.IsError, info.Error);

        output.WriteLine($"storage requests: authorize {authorize}, authorize with last-seen due {authorizeStale}, token {token}, refresh {refresh}, discovery {discovery}, jwks {jwks}, userinfo {userInfo}");
        Assert.StartsWith(app.RedirectUri, back.AbsoluteUri, StringComparison.Ordinal);
        Assert.StartsWith(app.RedirectUri, staleBack.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(1, authorize);
        Assert.Equal(2, authorizeStale);
        Assert.Equal(3, token);
        Assert.Equal(2, refresh);
        Assert.Equal(0, discovery + jwks + userInfo);
    }

    /// <summary>
    /// OI10: a session that ends with apps' grants made in it costs, on top of the ending's own requests (a logout: the session, its
    /// delete, the grants' partition query, the audit row), one revoking write per grant, one audit row (<c>oidc-grants-revoked</c>),
    /// and one logout queue write per app with a back-channel logout URI (here the confidential app; the public one has none).
    /// </summary>
    [Fact]
    public async Task Logout_WithAppsGrants_AddsAWritePerGrant_OneAuditRow_AndAQueueWritePerBackChannelApp()
    {
        var counts = new Dictionary<string, long>();
        for (var round = 0; round < 2; round++) // the first makes the logout queue: the steady state
        {
            using var browser = portal.NewClient();
            var email = Journeys.NewEmail();
            var (secret, _) = await Journeys.ActivateWithTotpAsync(browser, portal.Time, email);
            counts["no grant"] = await StorageBudget.CountAsync(portal.Host, () => browser.PostAsync("/api/auth/logout"), HttpStatusCode.NoContent);
            await SignInAsync(browser, email, secret, new OidcTestApp(portal));
            counts["the confidential app's grant"] = await StorageBudget.CountAsync(portal.Host, () => browser.PostAsync("/api/auth/logout"), HttpStatusCode.NoContent);
            await SignInAsync(browser, email, secret, new OidcTestApp(portal), new OidcTestApp(portal, confidential: false));
            counts["both apps' grants"] = await StorageBudget.CountAsync(portal.Host, () => browser.PostAsync("/api/auth/logout"), HttpStatusCode.NoContent);
        }

        output.WriteLine("logout storage requests: " + string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value}")));
        StorageBudget.AssertDocumented(counts, new Dictionary<string, long>
        {
            ["no grant"] = 4,
            ["the confidential app's grant"] = 4 + 1 + 1 + 1,
            ["both apps' grants"] = 4 + 2 + 1 + 1,
        });
    }

    private async Task SignInAsync(PortalClient browser, string email, string secret, params OidcTestApp[] apps)
    {
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(browser, email)).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);
        foreach (var app in apps)
        {
            var result = await app.SignInAsync(browser);
            Assert.False(result.IsError, result.Error);
        }
    }

    private async Task<(long Requests, T Result)> CountAsync<T>(Func<Task<T>> call)
    {
        portal.Host.StorageRequests.Reset();
        var result = await call();
        return (portal.Host.StorageRequests.Count, result);
    }
}

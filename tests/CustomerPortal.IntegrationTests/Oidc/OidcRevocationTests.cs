using System.Net;
using CustomerPortal.Functions.Oidc;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Duende.IdentityModel.OidcClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPortal.IntegrationTests.Oidc;

/// <summary>
/// Grants end with the portal sessions they hang on (OI10): after a password reset or change, a support reset of the second
/// factor, a logout, "sign out other devices" (the other sessions' grants) and RP-initiated logout the app's refresh token is invalid_grant, and apps with a back-channel logout URI get a signed
/// logout token naming the session.
/// </summary>
public sealed class OidcRevocationTests(OidcPortalFixture portal) : IClassFixture<OidcPortalFixture>
{
    [Fact]
    public async Task AfterAPasswordReset_RefreshIsInvalidGrant()
    {
        var (browser, email, _) = await SignedInAsync();
        var app = new OidcTestApp(portal);
        var signedIn = await app.SignInAsync(browser);

        using var other = portal.NewClient();
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostAsync("/api/auth/password-reset", new { email })).StatusCode);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);
        var confirmed = await other.PostAsync("/api/auth/password-reset/confirm", new { token, password = "a brand new passphrase for tests" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        Assert.Equal("invalid_grant", (await app.Client.RefreshTokenAsync(signedIn.RefreshToken)).Error);
    }

    [Fact]
    public async Task AfterSupportResetsTheSecondFactor_RefreshIsInvalidGrant()
    {
        var (browser, _, accountId) = await SignedInAsync();
        var app = new OidcTestApp(portal, confidential: false);
        var signedIn = await app.SignInAsync(browser);

        using var agent = new PortalClient(portal.Host.CreateSupportClient());
        var reset = await agent.PostAsync($"/api/support/accounts/{accountId}/reset-mfa", new { reason = "Customer lost the phone (call 1234)" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        Assert.Equal("invalid_grant", (await app.Client.RefreshTokenAsync(signedIn.RefreshToken)).Error);
    }

    [Fact]
    public async Task AfterAPasswordChange_RefreshIsInvalidGrant_EvenForTheSessionThatChangedIt()
    {
        var (browser, _, _) = await SignedInAsync();
        var app = new OidcTestApp(portal);
        var signedIn = await app.SignInAsync(browser);

        var changed = await browser.PostAsync("/api/me/password", new { currentPassword = Journeys.Password, newPassword = "a brand new passphrase for tests" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Equal("invalid_grant", (await app.Client.RefreshTokenAsync(signedIn.RefreshToken)).Error);
    }

    [Fact]
    public async Task SignOutOtherDevices_RevokesTheGrantsOfTheOtherSessions_AndKeepsThoseOfThisOne()
    {
        var browser = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(browser, portal.Time, email);
        using var laptop = portal.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(laptop, email)).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);
        var here = new OidcTestApp(portal);
        var there = new OidcTestApp(portal);
        var signedInHere = await here.SignInAsync(browser);
        var signedInThere = await there.SignInAsync(laptop);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/me/sessions/end-others")).StatusCode);

        Assert.Equal("invalid_grant", (await there.Client.RefreshTokenAsync(signedInThere.RefreshToken)).Error);
        var refreshed = await here.Client.RefreshTokenAsync(signedInHere.RefreshToken);
        Assert.False(refreshed.IsError, refreshed.Error);
    }

    [Fact]
    public async Task EndSessionAtOneApp_EndsThePortalSession_RevokesTheOtherAppsGrant_AndPostsItASignedLogoutToken()
    {
        var (browser, _, _) = await SignedInAsync();
        var inventory = new OidcTestApp(portal);
        var claims = new OidcTestApp(portal, confidential: false);
        var atInventory = await inventory.SignInAsync(browser);
        var atClaims = await claims.SignInAsync(browser);
        var sid = new JsonWebToken(atInventory.IdentityToken).GetClaim("sid").Value;
        Assert.Equal(sid, new JsonWebToken(atClaims.IdentityToken).GetClaim("sid").Value);

        var logout = await inventory.Client.PrepareLogoutAsync(new LogoutRequest { IdTokenHint = atInventory.IdentityToken });
        var back = await OidcTestApp.NavigateAsync(browser, logout + "&post_logout_redirect_uri=" + Uri.EscapeDataString(OidcPortalFixture.ConfidentialPostLogout) + "&state=s1");

        Assert.StartsWith(OidcPortalFixture.ConfidentialPostLogout, back.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Equal("invalid_grant", (await claims.Client.RefreshTokenAsync(atClaims.RefreshToken)).Error);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await portal.Host.Services.GetRequiredService<CustomerPortal.LocalHost.QueueFunctionRunner>().WhenIdleAsync(timeout.Token);
        var logoutToken = portal.LogoutTokens.Select(token => new JsonWebToken(token)).Single(token => token.GetClaim("sid").Value == sid);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(logoutToken.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = portal.Issuer,
            ValidAudience = OidcPortalFixture.ConfidentialClientId,
            IssuerSigningKeys = (await JwksAsync()).GetSigningKeys(),
            ValidTypes = ["logout+jwt"],
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.True(logoutToken.TryGetPayloadValue<Dictionary<string, object>>("events", out var events));
        Assert.True(events.ContainsKey("http://schemas.openid.net/event/backchannel-logout"));
        Assert.False(logoutToken.TryGetClaim("nonce", out _));
        Assert.Equal(new JsonWebToken(atInventory.IdentityToken).Subject, logoutToken.Subject);
        Assert.Equal("logout+jwt", logoutToken.Typ);
        Assert.False(string.IsNullOrEmpty(logoutToken.Id), "jti");
        Assert.True(logoutToken.TryGetPayloadValue<long>("iat", out var issuedAt));
        Assert.True(logoutToken.TryGetPayloadValue<long>("exp", out var expires));
        Assert.InRange(expires - issuedAt, 1, 600);

        // Only the app with a back-channel logout URI is told; the token names no other client.
        Assert.All(portal.LogoutTokens.Select(token => new JsonWebToken(token)).Where(token => token.GetClaim("sid").Value == sid),
            token => Assert.Equal([OidcPortalFixture.ConfidentialClientId], token.Audiences));
    }

    [Fact]
    public async Task Logout_AtThePortal_RevokesTheGrantsOfThatSession()
    {
        var (browser, _, _) = await SignedInAsync();
        var app = new OidcTestApp(portal);
        var signedIn = await app.SignInAsync(browser);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/logout")).StatusCode);

        Assert.Equal("invalid_grant", (await app.Client.RefreshTokenAsync(signedIn.RefreshToken)).Error);
    }

    [Fact]
    public async Task EndSession_WithoutAnIdTokenHint_IsRefusedOnThePortal_AndSignsNobodyOut()
    {
        var (browser, _, _) = await SignedInAsync();

        var sent = await OidcTestApp.NavigateAsync(browser, portal.Issuer + "/logout?post_logout_redirect_uri=" + Uri.EscapeDataString(OidcPortalFixture.ConfidentialPostLogout));

        Assert.StartsWith("/oidc-error.html", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
    }

    private async Task<JsonWebKeySet> JwksAsync()
    {
        using var http = portal.Host.CreateClient();
        return new JsonWebKeySet(await http.GetStringAsync("/api/oidc/jwks"));
    }

    private async Task<(PortalClient Browser, string Email, string AccountId)> SignedInAsync()
    {
        var browser = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, email);
        return (browser, email, browser.SessionCookie!.Split('.')[0]);
    }
}

using System.Net;
using System.Text.Json;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CustomerPortal.IntegrationTests.Oidc;

/// <summary>
/// The OpenID Connect provider (issue 22) through an independent client library, Duende.IdentityModel.OidcClient: every
/// "Done when" bullet of the issue except the browser journey (CustomerPortal.BrowserTests) and the storage budgets (OidcStorageBudgetTests).
/// </summary>
public sealed class OidcProviderTests(OidcPortalFixture portal) : IClassFixture<OidcPortalFixture>
{
    [Fact]
    public async Task SignIn_DiscoveryAndJwks_ValidateTheIdToken_WithTheCustomersClaims()
    {
        using var browser = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, email);
        var app = new OidcTestApp(portal);

        var result = await app.SignInAsync(browser);

        // The library fetched discovery and the JWKS, and validated the id token's signature, issuer, audience, nonce and c_hash/at_hash.
        var idToken = new JsonWebToken(result.IdentityToken);
        Assert.Equal(portal.Issuer, idToken.Issuer);
        Assert.Equal("ES256", idToken.Alg);
        Assert.Equal("test1", idToken.Kid);
        Assert.Equal(email, result.User.FindFirst("email")?.Value);
        Assert.Equal("Alex Customer", result.User.FindFirst("name")?.Value);
        Assert.Equal("CLM-1001", result.User.FindFirst("claim_number")?.Value);
        Assert.Equal("mfa", idToken.GetClaim("acr").Value);
        Assert.True(idToken.TryGetPayloadValue<string[]>("amr", out var amr), "amr is a JSON array");
        Assert.Contains("mfa", amr);
        Assert.True(idToken.TryGetPayloadValue<long>("auth_time", out _));
        var sub = idToken.Subject;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", sub);
        Assert.DoesNotContain(email, sub, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(result.RefreshToken));

        // The same customer in another sign-in has the same subject.
        var again = await app.SignInAsync(browser);
        Assert.Equal(sub, new JsonWebToken(again.IdentityToken).Subject);
    }

    [Fact]
    public async Task Jwks_PublishesTheActiveAndTheNextKey_OnlyPublicParts_AndTheActiveOneSigns()
    {
        using var http = portal.Host.CreateClient();
        var jwks = JsonDocument.Parse(await http.GetStringAsync("/api/oidc/jwks")).RootElement.GetProperty("keys");

        Assert.Equal(["test1", "test2"], jwks.EnumerateArray().Select(key => key.GetProperty("kid").GetString()).Order(StringComparer.Ordinal));
        Assert.All(jwks.EnumerateArray(), key =>
        {
            Assert.Equal("EC", key.GetProperty("kty").GetString());
            Assert.Equal("P-256", key.GetProperty("crv").GetString());
            Assert.False(key.TryGetProperty("d", out _), "a private key part is published");
        });

        using var browser = await SignedInBrowserAsync();
        var signedIn = await new OidcTestApp(portal).SignInAsync(browser);
        Assert.Equal("test1", new JsonWebToken(signedIn.IdentityToken).Kid);
    }

    [Fact]
    public async Task AuthorizationResponse_CarriesIss_Rfc9207()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync();

        var back = await OidcTestApp.NavigateAsync(browser, state.StartUrl);

        Assert.Equal(portal.Issuer, System.Web.HttpUtility.ParseQueryString(back.Query)["iss"]);
    }

    [Fact]
    public async Task ReplayedCode_IsInvalidGrant_AndRevokesTheTokensOfTheFirstRedemption()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync();
        var back = await OidcTestApp.NavigateAsync(browser, state.StartUrl);
        var first = await app.Client.ProcessResponseAsync(back.AbsoluteUri, state);
        Assert.False(first.IsError, first.Error);

        var replay = await app.RedeemAsync(OidcTestApp.CodeOf(back), state.CodeVerifier);

        Assert.True(replay.IsError);
        Assert.Equal("invalid_grant", replay.Error);
        var refresh = await app.Client.RefreshTokenAsync(first.RefreshToken);
        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    public async Task Code_LastsTwoMinutes_IdAndAccessTokens_TenMinutes()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal);
        var late = await app.StartAsync();
        var lateCode = OidcTestApp.CodeOf(await OidcTestApp.NavigateAsync(browser, late.StartUrl));

        portal.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var expired = await app.RedeemAsync(lateCode, late.CodeVerifier);

        Assert.Equal("invalid_grant", expired.Error);
        var fresh = await app.StartAsync();
        var freshCode = OidcTestApp.CodeOf(await OidcTestApp.NavigateAsync(browser, fresh.StartUrl));
        portal.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        var tokens = await app.RedeemAsync(freshCode, fresh.CodeVerifier);
        Assert.False(tokens.IsError, tokens.Error);
        Assert.InRange(tokens.ExpiresIn, 599, 600); // whole seconds left of 10 minutes, counted down from the token's expiry
        var idToken = new JsonWebToken(tokens.IdentityToken);
        Assert.InRange((idToken.ValidTo - idToken.IssuedAt).TotalSeconds, 599, 600);
    }

    [Fact]
    public async Task Logs_HoldNoCodeVerifierCodeTokenOrSecret()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync();
        var back = await OidcTestApp.NavigateAsync(browser, state.StartUrl);
        var code = OidcTestApp.CodeOf(back);
        var signedIn = await app.Client.ProcessResponseAsync(back.AbsoluteUri, state);
        Assert.False(signedIn.IsError, signedIn.Error);
        var refreshed = await app.Client.RefreshTokenAsync(signedIn.RefreshToken);
        Assert.False(refreshed.IsError, refreshed.Error);
        Assert.Equal("invalid_grant", (await app.RedeemAsync(code, state.CodeVerifier)).Error); // a replay is logged (7001)

        var logs = portal.Logs.Lines.ToList();
        Assert.Contains(logs, line => line.Contains("presented again", StringComparison.Ordinal));
        string[] secrets = [state.CodeVerifier, code, signedIn.AccessToken, signedIn.RefreshToken, signedIn.IdentityToken, refreshed.RefreshToken, OidcPortalFixture.ConfidentialSecret];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TenParallelRedemptionsOfOneCode_GiveExactlyOneToken()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync();
        var code = OidcTestApp.CodeOf(await OidcTestApp.NavigateAsync(browser, state.StartUrl));

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.RedeemAsync(code, state.CodeVerifier)));

        Assert.Single(answers, answer => !answer.IsError);
        Assert.All(answers.Where(answer => answer.IsError), answer => Assert.Equal("invalid_grant", answer.Error));
    }

    [Fact]
    public async Task MissingOrWrongPkceVerifier_IsRefused_AndTheCodeIsNotSpent()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal, confidential: false);
        var state = await app.StartAsync();
        var code = OidcTestApp.CodeOf(await OidcTestApp.NavigateAsync(browser, state.StartUrl));

        var missing = await app.RedeemAsync(code, verifier: null);
        var wrong = await app.RedeemAsync(code, verifier: new string('x', 43));

        Assert.True(missing.IsError);
        Assert.Contains(missing.Error, new[] { "invalid_request", "invalid_grant" });
        Assert.Equal("invalid_grant", wrong.Error);
        Assert.False((await app.RedeemAsync(code, state.CodeVerifier)).IsError);
    }

    [Fact]
    public async Task AuthorizationRequest_WithoutPkce_OrWithPlain_IsRefusedOnThePortal()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync();
        var withoutPkce = RemoveParameters(state.StartUrl, "code_challenge", "code_challenge_method");
        var plain = RemoveParameters(state.StartUrl, "code_challenge_method") + "&code_challenge_method=plain";

        foreach (var url in new[] { withoutPkce, plain })
        {
            var sent = await OidcTestApp.NavigateAsync(browser, url);
            Assert.Equal(portal.Host.BaseAddress.Authority, sent.Authority);
            Assert.StartsWith("/oidc-error.html", sent.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PromptNone_WithoutASession_AnswersLoginRequired()
    {
        using var browser = portal.NewClient();
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync(new Parameters { { "prompt", "none" } });

        var back = await OidcTestApp.NavigateAsync(browser, state.StartUrl);

        Assert.StartsWith(app.RedirectUri, back.AbsoluteUri, StringComparison.Ordinal);
        var result = await app.Client.ProcessResponseAsync(back.AbsoluteUri, state);
        Assert.Equal("login_required", result.Error);
    }

    [Fact]
    public async Task CrossSiteNavigationWithoutTheCookie_GoesThroughThePortalsSameSiteHop_AndNoSession_ToSignIn()
    {
        using var browser = portal.NewClient();
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync();

        var hop = await OidcTestApp.NavigateAsync(browser, state.StartUrl, sameOrigin: false);
        Assert.Equal("/oidc-continue.html", hop.AbsolutePath);
        var returnTo = System.Web.HttpUtility.ParseQueryString(hop.Query)["return"]!;
        Assert.StartsWith("/api/oidc/authorize?", returnTo, StringComparison.Ordinal);

        // The page navigates back from the portal's own origin: now same-origin, and still no session, so to sign-in.
        var signIn = await OidcTestApp.NavigateAsync(browser, returnTo);
        Assert.Equal("/index.html", signIn.AbsolutePath);
        Assert.Equal(returnTo, System.Web.HttpUtility.ParseQueryString(signIn.Query)["return"]);

        // A browser that sends no Sec-Fetch-Site gets the hop too, and the page's marker stops a second one (no loop).
        Assert.Equal("/oidc-continue.html", (await OidcTestApp.NavigateAsync(browser, state.StartUrl, sameOrigin: null)).AbsolutePath);
        var marked = await OidcTestApp.NavigateAsync(browser, returnTo + "&portal_hop=1", sameOrigin: null);
        Assert.Equal("/index.html", marked.AbsolutePath);
        Assert.Equal(returnTo, System.Web.HttpUtility.ParseQueryString(marked.Query)["return"]);
    }

    [Fact]
    public async Task MaxAgeZero_AsksForTheSecondFactorAgain_ThenIssuesACodeWithTheNewAuthTime()
    {
        using var browser = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync(new Parameters { { "max_age", "0" } });

        var confirm = await OidcTestApp.NavigateAsync(browser, state.StartUrl);
        Assert.Equal("/oidc-confirm.html", confirm.AbsolutePath);
        var returnTo = System.Web.HttpUtility.ParseQueryString(confirm.Query)["return"]!;

        // Coming back without the second factor does not help: the page is shown again.
        Assert.Equal("/oidc-confirm.html", (await OidcTestApp.NavigateAsync(browser, returnTo)).AbsolutePath);

        portal.Time.Advance(TimeSpan.FromSeconds(31)); // the next authenticator code (each is accepted once)
        var before = portal.Time.GetUtcNow().ToUnixTimeSeconds();
        var stepUp = await browser.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        var back = await OidcTestApp.NavigateAsync(browser, returnTo);
        var result = await app.Client.ProcessResponseAsync(back.AbsoluteUri, state);

        Assert.False(result.IsError, result.Error);
        Assert.True(new JsonWebToken(result.IdentityToken).TryGetPayloadValue<long>("auth_time", out var authTime));
        Assert.True(authTime >= before, $"auth_time {authTime} is before the step-up at {before}");
    }

    [Fact]
    public async Task ReusedRefreshToken_RevokesTheWholeFamily()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal);
        var signedIn = await app.SignInAsync(browser);

        var rotated = await app.Client.RefreshTokenAsync(signedIn.RefreshToken);
        Assert.False(rotated.IsError, rotated.Error);
        Assert.NotEqual(signedIn.RefreshToken, rotated.RefreshToken);

        var reused = await app.Client.RefreshTokenAsync(signedIn.RefreshToken);
        Assert.Equal("invalid_grant", reused.Error);
        var newest = await app.Client.RefreshTokenAsync(rotated.RefreshToken);
        Assert.Equal("invalid_grant", newest.Error);
    }

    [Fact]
    public async Task UnregisteredRedirectUri_OrUnknownClient_IsNeverRedirectedTo()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync();
        var evil = "https://attacker.example/callback";
        var otherUri = state.StartUrl.Replace(Uri.EscapeDataString(app.RedirectUri), Uri.EscapeDataString(evil), StringComparison.Ordinal);
        var otherClient = state.StartUrl.Replace("client_id=" + app.ClientId, "client_id=nobody", StringComparison.Ordinal);
        var noRedirect = RemoveParameters(state.StartUrl, "redirect_uri");

        foreach (var url in new[] { otherUri, otherClient, noRedirect })
        {
            var sent = await OidcTestApp.NavigateAsync(browser, url);
            Assert.Equal(portal.Host.BaseAddress.Authority, sent.Authority);
            Assert.StartsWith("/oidc-error.html?error=", sent.PathAndQuery, StringComparison.Ordinal);
            Assert.DoesNotContain("attacker", sent.AbsoluteUri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Revocation_OfARefreshToken_EndsItsFamily()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal, confidential: false);
        var signedIn = await app.SignInAsync(browser);

        using var http = portal.Host.CreateClient();
        var revoked = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = portal.Issuer + "/revoke",
            ClientId = app.ClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Token = signedIn.RefreshToken,
            TokenTypeHint = "refresh_token",
        });
        Assert.False(revoked.IsError, revoked.Error);

        Assert.Equal("invalid_grant", (await app.Client.RefreshTokenAsync(signedIn.RefreshToken)).Error);
    }

    [Fact]
    public async Task Discovery_SaysCodeFlowWithS256Only_AndBackChannelLogout()
    {
        using var http = portal.Host.CreateClient();
        var document = JsonDocument.Parse(await http.GetStringAsync("/api/oidc/.well-known/openid-configuration")).RootElement;

        Assert.Equal(portal.Issuer, document.GetProperty("issuer").GetString());
        Assert.Equal(["code"], document.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], document.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.GetProperty("backchannel_logout_supported").GetBoolean());
        Assert.True(document.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.DoesNotContain("password", document.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Cors_TokenUserInfoAndRevocation_OnlyForARegisteredPublicClientsOrigin_DiscoveryAndJwks_ForAnyOrigin()
    {
        using var browser = await SignedInBrowserAsync();
        var app = new OidcTestApp(portal, confidential: false);
        var signedIn = await app.SignInAsync(browser);
        var publicOrigin = new Uri(OidcPortalFixture.PublicRedirect).GetLeftPart(UriPartial.Authority);
        string[] refused =
        [
            "https://evil.example",
            new Uri(OidcPortalFixture.ConfidentialRedirect).GetLeftPart(UriPartial.Authority), // a confidential client calls from its server
            "null",
            publicOrigin.Replace("http:", "https:", StringComparison.Ordinal),
            publicOrigin + ".evil.example",
            "http://127.0.0.1",
        ];
        (string Path, HttpMethod Method)[] endpoints = [("/token", HttpMethod.Post), ("/userinfo", HttpMethod.Get), ("/revoke", HttpMethod.Post)];
        using var http = portal.Host.CreateClient();

        foreach (var (path, method) in endpoints)
        {
            foreach (var origin in refused)
            {
                var preflight = await http.SendAsync(Preflight(path, method, origin));
                Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"), $"preflight {path} from {origin}");
                Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"), $"preflight {path} from {origin}");
                var actual = await http.SendAsync(ActualRequest(path, method, origin, signedIn.AccessToken));
                Assert.False(actual.Headers.Contains("Access-Control-Allow-Origin"), $"{method} {path} from {origin}");
            }

            var allowedPreflight = await http.SendAsync(Preflight(path, method, publicOrigin));
            Assert.Equal(HttpStatusCode.NoContent, allowedPreflight.StatusCode);
            Assert.Equal([publicOrigin], allowedPreflight.Headers.GetValues("Access-Control-Allow-Origin"));
            Assert.Contains(method.Method, allowedPreflight.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
            var allowed = await http.SendAsync(ActualRequest(path, method, publicOrigin, signedIn.AccessToken));
            Assert.Equal([publicOrigin], allowed.Headers.GetValues("Access-Control-Allow-Origin"));
            Assert.Contains("Origin", allowed.Headers.Vary);
        }

        // The user info answered the allowed origin's real request (the access token was good), so its refusals above were CORS's alone.
        var userInfo = await http.SendAsync(ActualRequest("/userinfo", HttpMethod.Get, publicOrigin, signedIn.AccessToken));
        Assert.Equal(HttpStatusCode.OK, userInfo.StatusCode);
        foreach (var document in new[] { "/.well-known/openid-configuration", "/jwks" })
        {
            foreach (var origin in refused.Append(publicOrigin))
            {
                var answer = await http.SendAsync(ActualRequest(document, HttpMethod.Get, origin, accessToken: null));
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                Assert.Equal(["*"], answer.Headers.GetValues("Access-Control-Allow-Origin"));
            }
        }
    }

    private HttpRequestMessage Preflight(string path, HttpMethod method, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, portal.Issuer + path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method.Method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return request;
    }

    private HttpRequestMessage ActualRequest(string path, HttpMethod method, string origin, string? accessToken)
    {
        var request = new HttpRequestMessage(method, portal.Issuer + path);
        request.Headers.Add("Origin", origin);
        if (path == "/userinfo" && accessToken is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        }
        else if (method == HttpMethod.Post)
        {
            // A form the endpoint reads and refuses (no grant, no token): CORS headers are on every answer, good or not.
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = OidcPortalFixture.PublicClientId });
        }

        return request;
    }

    /// <summary>Found by the fuzz run: a form ASP.NET Core cannot read (a key over 2 KB) was a 500 from OpenIddict's form reader.</summary>
    [Fact]
    public async Task Token_WithAFormThatCannotBeRead_IsInvalidRequest_AndAuthorize_ShowsThePortalsErrorPage()
    {
        using var http = portal.Host.CreateClient();
        var form = new StringContent(new string('k', 3000) + "=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var token = await http.PostAsync("/api/oidc/token", form);
        var authorize = await http.PostAsync("/api/oidc/authorize", new StringContent("a=%00", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.Equal("/oidc-error.html?error=invalid_request", authorize.Headers.Location!.OriginalString);
    }

    private async Task<PortalClient> SignedInBrowserAsync()
    {
        var browser = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        return browser;
    }

    private static string RemoveParameters(string url, params string[] names)
    {
        var uri = new Uri(url);
        var kept = uri.Query.TrimStart('?').Split('&').Where(pair => !names.Contains(Uri.UnescapeDataString(pair.Split('=')[0])));
        return uri.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', kept);
    }
}

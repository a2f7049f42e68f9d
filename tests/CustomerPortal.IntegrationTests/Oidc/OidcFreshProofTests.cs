using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.Testing;
using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CustomerPortal.IntegrationTests.Oidc;

/// <summary>
/// An app asking for a fresh proof (<c>prompt=login</c>) or a phishing-resistant one (<c>acr_values=phr</c>): the portal sends the
/// customer to "Confirm it's you" (oidc-confirm.html) and issues the code only once the session proved what was asked (OI7, OI8).
/// </summary>
public sealed class OidcFreshProofTests(OidcPortalFixture portal) : IClassFixture<OidcPortalFixture>
{
    [Fact]
    public async Task PromptLogin_AsksForASecondFactorAgain_EvenRightAfterSignIn_ThenIssuesACode()
    {
        using var browser = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync(new Parameters { { "prompt", "login" } });

        var confirm = await OidcTestApp.NavigateAsync(browser, state.StartUrl);
        Assert.Equal("/oidc-confirm.html", confirm.AbsolutePath);
        var returnTo = System.Web.HttpUtility.ParseQueryString(confirm.Query)["return"]!;
        Assert.DoesNotContain("prompt=login", returnTo, StringComparison.Ordinal);
        Assert.Equal("/oidc-confirm.html", (await OidcTestApp.NavigateAsync(browser, returnTo)).AbsolutePath);

        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await StepUpWithTotpAsync(browser, secret);
        var back = await OidcTestApp.NavigateAsync(browser, returnTo);
        var result = await app.Client.ProcessResponseAsync(back.AbsoluteUri, state);

        Assert.False(result.IsError, result.Error);
    }

    [Fact]
    public async Task PromptNone_WithASessionThatMustProveAgain_AnswersLoginRequired()
    {
        using var browser = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync(new Parameters { { "prompt", "none" }, { "max_age", "0" } });

        var back = await OidcTestApp.NavigateAsync(browser, state.StartUrl);

        Assert.Equal("login_required", (await app.Client.ProcessResponseAsync(back.AbsoluteUri, state)).Error);
    }

    [Fact]
    public async Task AcrValuesPhr_IsMetOnlyByAPasskey_NotByAnAuthenticatorCode()
    {
        using var browser = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        using var authenticator = new TestAuthenticator(portal.Host.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(browser, authenticator)).StatusCode);
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync(new Parameters { { "acr_values", "phr" } });

        var confirm = await OidcTestApp.NavigateAsync(browser, state.StartUrl);
        Assert.Equal("/oidc-confirm.html", confirm.AbsolutePath);
        Assert.Equal("1", System.Web.HttpUtility.ParseQueryString(confirm.Query)["passkey"]);
        var returnTo = System.Web.HttpUtility.ParseQueryString(confirm.Query)["return"]!;

        // A fresh authenticator code is a second factor, but not phishing-resistant: the page is shown again.
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await StepUpWithTotpAsync(browser, secret);
        Assert.Equal("/oidc-confirm.html", (await OidcTestApp.NavigateAsync(browser, returnTo)).AbsolutePath);

        var options = await PasskeyJourneys.SecondFactorOptionsAsync(browser);
        var stepUp = await browser.PostAsync("/api/mfa/step-up", new { method = "passkey", credential = authenticator.Get(options) });
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        var back = await OidcTestApp.NavigateAsync(browser, returnTo);
        var result = await app.Client.ProcessResponseAsync(back.AbsoluteUri, state);

        Assert.False(result.IsError, result.Error);
        var idToken = new JsonWebToken(result.IdentityToken);
        Assert.Equal("phr", idToken.GetClaim("acr").Value);
        Assert.True(idToken.TryGetPayloadValue<string[]>("amr", out var amr));
        Assert.Contains("hwk", amr);
    }

    [Fact]
    public async Task AcrValuesPhr_ForAnAccountWithoutAPasskey_AnswersUnmetAuthenticationRequirements()
    {
        using var browser = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        var app = new OidcTestApp(portal);
        var state = await app.StartAsync(new Parameters { { "acr_values", "phr" } });

        var back = await OidcTestApp.NavigateAsync(browser, state.StartUrl);

        Assert.StartsWith(app.RedirectUri, back.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("unmet_authentication_requirements", (await app.Client.ProcessResponseAsync(back.AbsoluteUri, state)).Error);
    }

    [Fact]
    public async Task AcrValuesMfa_IsMetByThePasswordAndAnAuthenticatorCode_AndTheIdTokenSaysMfa()
    {
        using var browser = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, Journeys.NewEmail());
        var app = new OidcTestApp(portal);

        var result = await app.SignInAsync(browser, new Parameters { { "acr_values", "mfa" } });

        var idToken = new JsonWebToken(result.IdentityToken);
        Assert.Equal("mfa", idToken.GetClaim("acr").Value);
        Assert.True(idToken.TryGetPayloadValue<string[]>("amr", out var amr));
        Assert.Equal(["pwd", "otp", "mfa"], amr);
    }

    private async Task StepUpWithTotpAsync(PortalClient browser, string secret)
    {
        var stepUp = await browser.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
    }
}

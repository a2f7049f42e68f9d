using System.Net;
using CustomerPortal.Testing;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;

namespace CustomerPortal.IntegrationTests.Oidc;

/// <summary>
/// An app signing customers in through the portal with Duende.IdentityModel.OidcClient, an independent certified client
/// library: it reads discovery, makes the PKCE request, checks the answer's state and iss, redeems the code, validates the id
/// token against the JWKS and reads userinfo. The customer's browser is a <see cref="PortalClient"/> that follows the portal's redirects.
/// </summary>
public sealed class OidcTestApp(OidcPortalFixture portal, bool confidential = true)
{
    public string ClientId => confidential ? OidcPortalFixture.ConfidentialClientId : OidcPortalFixture.PublicClientId;

    public string RedirectUri => confidential ? OidcPortalFixture.ConfidentialRedirect : OidcPortalFixture.PublicRedirect;

    public OidcClient Client { get; } = new(new OidcClientOptions
    {
        Authority = portal.Issuer,
        ClientId = confidential ? OidcPortalFixture.ConfidentialClientId : OidcPortalFixture.PublicClientId,
        ClientSecret = confidential ? OidcPortalFixture.ConfidentialSecret : null,
        RedirectUri = confidential ? OidcPortalFixture.ConfidentialRedirect : OidcPortalFixture.PublicRedirect,
        Scope = "openid profile email claims offline_access",
        LoadProfile = true,
        HttpClientFactory = _ => portal.Host.CreateClient(),
    });

    /// <summary>Starts a sign-in: the authorization request the app would send the browser to.</summary>
    public Task<AuthorizeState> StartAsync(Parameters? extra = null) => Client.PrepareLoginAsync(extra);

    /// <summary>
    /// The browser opens <paramref name="url"/> (a same-origin navigation when <paramref name="sameOrigin"/>, cross-site when false,
    /// and from a browser that sends no Sec-Fetch-Site when null); answers where it is sent.
    /// </summary>
    public static async Task<Uri> NavigateAsync(PortalClient browser, string url, bool? sameOrigin = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (sameOrigin is { } same)
        {
            request.Headers.Add("Sec-Fetch-Site", same ? "same-origin" : "cross-site");
            request.Headers.Add("Sec-Fetch-Mode", "navigate");
        }

        var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(browser.Http.BaseAddress!, location);
    }

    /// <summary>A signed-in browser's whole sign-in to the app; the id token validated by the library.</summary>
    public async Task<LoginResult> SignInAsync(PortalClient browser, Parameters? extra = null)
    {
        var state = await StartAsync(extra);
        var back = await NavigateAsync(browser, state.StartUrl);
        Assert.StartsWith(RedirectUri, back.AbsoluteUri, StringComparison.Ordinal);
        var result = await Client.ProcessResponseAsync(back.AbsoluteUri, state);
        Assert.False(result.IsError, result.Error + " " + result.ErrorDescription);
        return result;
    }

    /// <summary>The code the app got back, without redeeming it.</summary>
    public static string CodeOf(Uri redirect) => System.Web.HttpUtility.ParseQueryString(redirect.Query)["code"]!;

    /// <summary>Redeems a code at the token endpoint by hand (Duende.IdentityModel's token client), as an attacker replaying it would.</summary>
    public async Task<TokenResponse> RedeemAsync(string code, string? verifier)
    {
        using var http = portal.Host.CreateClient();
        return await http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = portal.Issuer + "/token",
            ClientId = ClientId,
            ClientSecret = confidential ? OidcPortalFixture.ConfidentialSecret : null,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = RedirectUri,
            CodeVerifier = verifier,
        });
    }

    /// <summary>
    /// A refresh at the token endpoint by hand (Duende.IdentityModel's token client): the answer as it comes, without the library's
    /// id-token checks against the real clock, for tests whose fake clock has run hours ahead.
    /// </summary>
    public async Task<TokenResponse> RefreshAsync(string refreshToken)
    {
        using var http = portal.Host.CreateClient();
        return await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = portal.Issuer + "/token",
            ClientId = ClientId,
            ClientSecret = confidential ? OidcPortalFixture.ConfidentialSecret : null,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            RefreshToken = refreshToken,
        });
    }
}

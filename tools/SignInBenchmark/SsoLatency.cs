using System.Net;
using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerPortal.SignInBenchmark;

/// <summary>
/// (d) Single sign-on for a customer already signed in at the portal (issue 22): an app's authorization request with PKCE, the
/// same-site hop back to it with the session cookie, which the portal answers with a code (302 to the app), then the app redeeming
/// the code at the token endpoint, as one measured call, alternating with <c>GET /api/health</c>. One client, a different customer
/// each time.
/// </summary>
public static class SsoLatency
{
    private const string ClientId = "benchmark-app";
    private const string Secret = "benchmark-app-secret-0123456789abcdefghij";
    private const string RedirectUri = "http://127.0.0.1:9/signin-oidc"; // never called: the benchmark reads the code from the 302

    /// <summary>Resolves the relative addresses the portal redirects to.</summary>
    private static readonly Uri AnyOrigin = new("http://portal.invalid");

    /// <summary>The app the benchmark signs in to, registered with the portal it starts.</summary>
    public static IReadOnlyDictionary<string, string?> AppRegistration { get; } = new Dictionary<string, string?>
    {
        ["Oidc:Clients:0:ClientId"] = ClientId,
        ["Oidc:Clients:0:DisplayName"] = "Benchmark",
        ["Oidc:Clients:0:ClientSecret"] = Secret,
        ["Oidc:Clients:0:RedirectUris"] = RedirectUri,
    };

    public static async Task<SsoResult> RunAsync(PortalClient anonymous, BenchmarkAccount[] signedIn, StorageRequestCounter storage, int warmUps)
    {
        var health = new VerifyLatency.Calls();
        var signOn = new VerifyLatency.Calls();
        var errors = new List<string>();
        for (var i = 0; i < signedIn.Length; i++)
        {
            var counted = i >= warmUps;
            await VerifyLatency.TimeAsync(() => anonymous.GetAsync("/api/health"), storage, counted ? health : null, errors);
            var account = signedIn[i];
            await VerifyLatency.TimeAsync(() => SignOnAsync(account.Client, anonymous), storage, counted ? signOn : null, errors);
        }

        return new SsoResult(new Latencies(health.Milliseconds), new Latencies(signOn.Milliseconds), signOn.StorageRequestsPerCall, errors);
    }

    /// <summary>
    /// What a browser does for an app: the app's cross-site navigation to the authorization endpoint (no cookie: it is SameSite=Strict),
    /// which answers with the same-site hop page; the hop back to the same request with the cookie and <c>portal_hop=1</c>, which answers
    /// with the code; then the app's token request. The token answer (200), or what went wrong. The hop page itself is static and not fetched.
    /// </summary>
    private static async Task<HttpResponseMessage> SignOnAsync(PortalClient browser, PortalClient app)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var query = QueryHelpers.AddQueryString("/api/oidc/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile claims",
            ["state"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });
        var crossSite = new HttpRequestMessage(HttpMethod.Get, query);
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var hop = await app.Http.SendAsync(crossSite);
        var hopPage = hop.StatusCode == HttpStatusCode.Redirect && hop.Headers.Location is { } hopLocation ? new Uri(AnyOrigin, hopLocation) : null;
        var back = hopPage is { AbsolutePath: "/oidc-continue.html" }
            ? QueryHelpers.ParseQuery(hopPage.Query).GetValueOrDefault("return").ToString()
            : "";
        if (!back.StartsWith("/api/oidc/authorize?", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = crossSite, Content = new StringContent($"the cross-site authorization request answered {(int)hop.StatusCode} to {hop.Headers.Location}") };
        }

        var authorize = new HttpRequestMessage(HttpMethod.Get, back + "&portal_hop=1");
        authorize.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var redirect = await browser.SendAsync(authorize);
        var location = redirect.Headers.Location;
        var code = redirect.StatusCode == HttpStatusCode.Redirect && location is { IsAbsoluteUri: true } && location.AbsoluteUri.StartsWith(RedirectUri, StringComparison.Ordinal)
            ? QueryHelpers.ParseQuery(location.Query).GetValueOrDefault("code").ToString()
            : "";
        if (code.Length == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = authorize, Content = new StringContent($"authorize answered {(int)redirect.StatusCode} to {location}") };
        }

        return await app.Http.PostAsync("/api/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = ClientId,
            ["client_secret"] = Secret,
        }));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Health and single sign-on latencies from the same run, the Table Storage requests of a sign-on, and the errors.</summary>
public sealed record SsoResult(Latencies Health, Latencies SignOn, double SignOnStorageRequests, IReadOnlyList<string> Errors);

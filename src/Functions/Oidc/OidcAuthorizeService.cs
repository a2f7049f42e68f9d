using System.Globalization;
using System.Security.Claims;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.Accounts.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// Decides an authorization request that OpenIddict has validated (client, redirect URI, PKCE, scopes) against the portal
/// session: issue a code, send the browser to a portal page (sign in, confirm it's you, or the same-site hop), or answer an
/// error to the app. Reads one row: the session.
/// </summary>
public sealed class OidcAuthorizeService(SessionService sessions, IOptions<SessionOptions> sessionOptions, TimeProvider time)
{
    /// <summary>Added to the request the portal pages send the browser back with: a fresh proof was asked for at this time (Unix seconds).</summary>
    public const string FreshAfterParameter = "portal_fresh_after";

    /// <summary>Added by the same-site hop page (oidc-continue.html): this navigation started on the portal, so no second hop, even without Sec-Fetch-Site.</summary>
    public const string HopParameter = "portal_hop";

    public const string SignInPage = "/index.html";
    public const string ContinuePage = "/oidc-continue.html";
    public const string ConfirmPage = "/oidc-confirm.html";
    public const string ErrorPage = "/oidc-error.html";
    public const string AuthorizePath = "/api/oidc/authorize";

    public async Task<AuthorizeDecision> DecideAsync(HttpRequest http, OpenIddictRequest request, CancellationToken cancellationToken)
    {
        var hasCookie = http.Cookies.ContainsKey(sessionOptions.Value.CookieName);

        // OI5: the session cookie is SameSite=Strict, so a navigation from the app's site arrives without it. A portal page
        // sends the browser back to this same request, now same-site: the cookie comes along if there is one.
        if (!hasCookie && ArrivedCrossSite(http))
        {
            return AuthorizeDecision.Redirect(PageWithReturn(ContinuePage, request, freshAfter: null));
        }

        var session = hasCookie && await sessions.ResolveAsync(http, cancellationToken, SessionStages.Full) is { Value: { } live } ? live : null;
        var proof = session is null ? null : OidcSessionProof.Of(session);
        if (session?.OidcSubject is null || proof is null)
        {
            // OI6: no full session here (or one started before the provider existed): sign in, unless the app asked for no prompt.
            return request.HasPromptValue(PromptValues.None)
                ? AuthorizeDecision.Refuse(Errors.LoginRequired, "The customer is not signed in.")
                : AuthorizeDecision.Redirect(PageWithReturn(SignInPage, request, freshAfter: null));
        }

        var now = time.GetUtcNow();
        var freshAfter = FreshAfter(request);
        var needsFreshProof = freshAfter is { } asked
            ? proof.SecondFactorAt is not { } proven || proven.ToUnixTimeSeconds() <= asked
            : request.HasPromptValue(PromptValues.Login) || (request.MaxAge is { } maxAge && (maxAge == 0 || now - proof.AuthTime > TimeSpan.FromSeconds(maxAge)));
        var wanted = WantedLevel(request);
        var needsPasskey = wanted == OidcAuthenticationLevels.PhishingResistant && proof.Level != OidcAuthenticationLevels.PhishingResistant;
        var needsSecondFactor = wanted == OidcAuthenticationLevels.MultiFactor && proof.Level == OidcAuthenticationLevels.Password;

        if (needsPasskey && !(session.Methods ?? "").Split(',').Contains(PasskeyFactor.Method))
        {
            // OI7: only a passkey is phishing-resistant; an account without one cannot meet the request.
            return AuthorizeDecision.Refuse("unmet_authentication_requirements", "The app asks for a passkey, and the customer has none.");
        }

        if (needsFreshProof || needsPasskey || needsSecondFactor)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return AuthorizeDecision.Refuse(Errors.LoginRequired, "A fresh sign-in is needed.");
            }

            var page = needsPasskey ? ConfirmPage + "?passkey=1" : ConfirmPage;
            return AuthorizeDecision.Redirect(PageWithReturn(page, request, freshAfter ?? now.ToUnixTimeSeconds()));
        }

        return AuthorizeDecision.Issue(OidcPrincipals.ForAuthorization(session, proof, request.GetScopes()));
    }

    /// <summary>The portal page to show an error on (OI3: never the app's redirect URI when the app or the URI is not registered).</summary>
    public static string ErrorPageFor(string? error) => QueryHelpers.AddQueryString(ErrorPage, "error", error ?? Errors.InvalidRequest);

    /// <summary>
    /// Sec-Fetch-Site says whether the browser sent the site's cookies: "cross-site" does not (Strict). Without the header (an old
    /// browser, or not a browser) we cannot tell, so the hop is made, unless the hop page marked the request (<see cref="HopParameter"/>):
    /// a request that claims it falsely only skips the hop, and without the cookie it goes to sign-in.
    /// </summary>
    public static bool ArrivedCrossSite(HttpRequest http)
        => !http.Query.ContainsKey(HopParameter)
            && http.Headers["Sec-Fetch-Site"].ToString() is var site && (site.Length == 0 || string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase));

    private static long? FreshAfter(OpenIddictRequest request)
        => (string?)request.GetParameter(FreshAfterParameter) is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    private static string? WantedLevel(OpenIddictRequest request)
    {
        var asked = (request.AcrValues ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(OidcAuthenticationLevels.All.Contains).ToList();

        // acr_values lists what the app accepts: the weakest it names is enough.
        return asked.Count == 0 ? null : OidcAuthenticationLevels.All.Last(asked.Contains);
    }

    /// <summary>
    /// <c>{page}?return=/api/oidc/authorize?…</c>: the same request (as OpenIddict parsed it), relative to the portal, so the page can
    /// only send the browser back here (OI4). A demanded fresh proof replaces <c>prompt=login</c> and <c>max_age</c> with its time.
    /// </summary>
    private static string PageWithReturn(string page, OpenIddictRequest request, long? freshAfter)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name == HopParameter || (freshAfter is not null && name is Parameters.MaxAge or FreshAfterParameter))
            {
                continue;
            }

            if (freshAfter is not null && name == Parameters.Prompt)
            {
                var rest = string.Join(' ', ((string?)value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(prompt => prompt != PromptValues.Login));
                if (rest.Length > 0)
                {
                    parameters.Add(new(name, rest));
                }

                continue;
            }

            if ((string?)value is { } text)
            {
                parameters.Add(new(name, text));
            }
        }

        if (freshAfter is not null)
        {
            parameters.Add(new(FreshAfterParameter, freshAfter.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return QueryHelpers.AddQueryString(page, "return", QueryHelpers.AddQueryString(AuthorizePath, parameters));
    }
}

/// <summary>What the authorization endpoint does: issue a code for <see cref="Principal"/>, send the browser to <see cref="RedirectTo"/> on the portal, or answer <see cref="Error"/> to the app.</summary>
public sealed record AuthorizeDecision(ClaimsPrincipal? Principal, string? RedirectTo, string? Error, string? ErrorDescription)
{
    public static AuthorizeDecision Issue(ClaimsPrincipal principal) => new(principal, null, null, null);

    public static AuthorizeDecision Redirect(string url) => new(null, url, null, null);

    public static AuthorizeDecision Refuse(string error, string description) => new(null, null, error, description);
}

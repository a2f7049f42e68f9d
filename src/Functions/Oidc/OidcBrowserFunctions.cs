using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Accounts.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// The OpenID Connect endpoints the customer's browser is sent to (authorization and end-session), and the list of apps the
/// account page links to. OpenIddict validates each request (<see cref="OidcEngine"/>); the portal session decides the rest.
/// </summary>
public sealed class OidcBrowserFunctions(
    OidcAuthorizeService authorize,
    SessionService sessions,
    OidcClients clients,
    AuditLog audit,
    Microsoft.Extensions.Options.IOptions<SessionOptions> sessionOptions)
{
    /// <summary><c>GET|POST /api/oidc/authorize</c>: code flow with PKCE (S256) only; the code goes to the registered redirect URI with <c>iss</c>.</summary>
    [Function(nameof(OidcAuthorize))]
    public async Task<IActionResult> OidcAuthorize(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "oidc/authorize")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await OidcEngine.HandleAsync(request, browser: true) is { } answered)
        {
            return answered;
        }

        if (OidcEngine.PassedThroughError(request) is { } error)
        {
            // OI3: OpenIddict had no redirect URI it may use (unknown client, unregistered URI, malformed request).
            return new RedirectResult(OidcAuthorizeService.ErrorPageFor(error));
        }

        var oidcRequest = request.HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict passed no authorization request through.");
        var decision = await authorize.DecideAsync(request, oidcRequest, cancellationToken);
        return decision switch
        {
            { Principal: { } principal } => await OidcEngine.SignInAsync(request, principal),
            { RedirectTo: { } page } => new RedirectResult(page),
            _ => await OidcEngine.ForbidAsync(request, decision.Error!, decision.ErrorDescription!),
        };
    }

    /// <summary>
    /// <c>GET|POST /api/oidc/logout</c>: RP-initiated logout. Ends the portal session the <c>id_token_hint</c> was issued in, which
    /// signs the customer out of the other apps too (back-channel logout), then goes to the registered post-logout URI.
    /// </summary>
    [Function(nameof(OidcEndSession))]
    public async Task<IActionResult> OidcEndSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "oidc/logout")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await OidcEngine.HandleAsync(request, browser: true) is { } answered)
        {
            return answered;
        }

        if (OidcEngine.PassedThroughError(request) is { } error)
        {
            return new RedirectResult(OidcAuthorizeService.ErrorPageFor(error));
        }

        var oidcRequest = request.HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict passed no end-session request through.");
        var hasCookie = request.Cookies.ContainsKey(sessionOptions.Value.CookieName);
        if (!hasCookie && OidcAuthorizeService.ArrivedCrossSite(request))
        {
            // As at authorization (OI5): the cookie is SameSite=Strict, so a same-site hop brings it.
            var back = QueryHelpers.AddQueryString("/api/oidc/logout", oidcRequest.GetParameters()
                .Where(parameter => (string?)parameter.Value is not null && parameter.Key != OidcAuthorizeService.HopParameter)
                .Select(parameter => new KeyValuePair<string, string?>(parameter.Key, (string?)parameter.Value)));
            return new RedirectResult(QueryHelpers.AddQueryString(OidcAuthorizeService.ContinuePage, "return", back));
        }

        var hint = await HintSubjectAsync(request);
        var session = hasCookie && await sessions.ResolveAsync(request, cancellationToken) is { Value: { } live } ? live : null;
        if (session is not null && hint is not null && string.Equals(session.OidcSubject, hint, StringComparison.Ordinal))
        {
            // The same customer: end this portal session, as POST /api/auth/logout does, and the apps' grants made in it.
            // EndAsync tells the sessions-ended observers, OidcSessionsEnded among them (grants, back-channel logout).
            await sessions.EndAsync(session, SessionEndReasons.Logout, cancellationToken);
            sessions.ClearCookie(request.HttpContext.Response);
            await audit.WriteAsync(session.PartitionKey, AuditEvents.SignedOut, ClientIp.From(request), "oidc", cancellationToken);
        }

        return oidcRequest.PostLogoutRedirectUri is null
            ? new RedirectResult(OidcAuthorizeService.SignInPage + "?reason=signed-out")
            : await OidcEngine.SignOutAsync(request);
    }

    /// <summary><c>GET /api/oidc/apps</c>: the portal's apps with a start page, for the account page's links.</summary>
    [Function(nameof(OidcApps))]
    public IActionResult OidcApps(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "oidc/apps")] HttpRequest request)
        => new OkObjectResult(clients.All
            .Where(client => client.AppUrl.Length > 0)
            .Select(client => new OidcAppView(client.DisplayName, client.AppUrl))
            .ToList());

    private static async Task<string?> HintSubjectAsync(HttpRequest request)
    {
        var result = await request.HttpContext.AuthenticateAsync(OidcEngine.Scheme);
        return result.Principal?.GetClaim(Claims.Subject);
    }
}

/// <summary>One app in <c>GET /api/oidc/apps</c>.</summary>
public sealed record OidcAppView(string Name, string Url);

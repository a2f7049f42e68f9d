using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OpenIddict.Abstractions;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// The OpenID Connect endpoints apps call directly (issuer <c>{Portal:PublicOrigin}/api/oidc</c>): discovery, JWKS, token, userinfo
/// and revocation. OpenIddict answers each (<see cref="OidcEngine"/>); the token endpoint's grant decisions are <see cref="OidcTokenService"/>'s.
/// </summary>
public sealed class OidcProtocolFunctions(OidcTokenService tokens, OidcCors cors)
{
    /// <summary><c>GET /api/oidc/.well-known/openid-configuration</c>: OpenID Connect Discovery 1.0.</summary>
    [Function(nameof(OidcDiscovery))]
    public async Task<IActionResult> OidcDiscovery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "oidc/.well-known/openid-configuration")] HttpRequest request)
    {
        OidcCors.AllowAnyOrigin(request);
        return await OidcEngine.HandleAsync(request) ?? NotOurs();
    }

    /// <summary><c>GET /api/oidc/jwks</c>: the signing keys (the active one and the next or previous).</summary>
    [Function(nameof(OidcJwks))]
    public async Task<IActionResult> OidcJwks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "oidc/jwks")] HttpRequest request)
    {
        OidcCors.AllowAnyOrigin(request);
        return await OidcEngine.HandleAsync(request) ?? NotOurs();
    }

    /// <summary><c>POST /api/oidc/token</c>: authorization code (with PKCE) and refresh token grants.</summary>
    [Function(nameof(OidcToken))]
    public async Task<IActionResult> OidcToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "oidc/token")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (cors.Apply(request) is { } preflight)
        {
            return preflight;
        }

        if (await OidcEngine.HandleAsync(request) is { } answered)
        {
            return answered;
        }

        var oidcRequest = request.HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict passed no token request through.");
        var validated = await request.HttpContext.AuthenticateAsync(OidcEngine.Scheme);
        if (validated.Principal is null)
        {
            return await OidcEngine.ForbidAsync(request, TokenDecision.Error, "The grant is not valid.");
        }

        var clientId = oidcRequest.ClientId!;
        var decision = oidcRequest.IsAuthorizationCodeGrantType()
            ? await tokens.RedeemCodeAsync(validated.Principal, clientId, ClientIp.From(request), cancellationToken)
            : await tokens.RefreshAsync(validated.Principal, clientId, ClientIp.From(request), cancellationToken);
        return decision.Principal is { } principal
            ? await OidcEngine.SignInAsync(request, principal)
            : await OidcEngine.ForbidAsync(request, TokenDecision.Error, decision.ErrorDescription!);
    }

    /// <summary><c>GET|POST /api/oidc/userinfo</c>: the claims the access token's scopes release.</summary>
    [Function(nameof(OidcUserInfo))]
    public async Task<IActionResult> OidcUserInfo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "options", Route = "oidc/userinfo")] HttpRequest request)
        => cors.Apply(request) ?? await OidcEngine.HandleAsync(request) ?? NotOurs();

    /// <summary><c>POST /api/oidc/revoke</c>: RFC 7009 token revocation; a refresh token revokes its whole grant.</summary>
    [Function(nameof(OidcRevoke))]
    public async Task<IActionResult> OidcRevoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "oidc/revoke")] HttpRequest request)
        => cors.Apply(request) ?? await OidcEngine.HandleAsync(request) ?? NotOurs();

    // OpenIddict answers every request of these endpoints itself; reaching here would mean its endpoint URIs and the routes differ.
    private static IActionResult NotOurs() => ErrorCatalog.ToResult(new PortalError(ErrorCodes.NotFound));
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// Runs OpenIddict's server inside a function. An ASP.NET Core app would put <c>UseAuthentication()</c> in its pipeline, which
/// calls every <see cref="IAuthenticationRequestHandler"/>; the Functions worker has no such pipeline of ours (and the local
/// host dispatches to the same function classes), so each OIDC function calls OpenIddict's handler itself, through the same
/// ASP.NET Core authentication services: it extracts and validates the request and either answers it (discovery, JWKS, errors,
/// revocation, userinfo) or passes it through to the function (authorization, token, end-session), which then signs in, forbids
/// or signs out with OpenIddict's scheme so that OpenIddict writes the protocol answer.
/// </summary>
public static class OidcEngine
{
    public const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>
    /// Lets OpenIddict process the request; answers the result to return when OpenIddict has written the answer, or null to go on.
    /// A query or form that cannot be read at all (a key over 2 KB, a value that decodes to NUL) is <c>invalid_request</c>: on the
    /// portal's error page for the browser's endpoints (<paramref name="browser"/>), as OAuth JSON for the apps' own calls.
    /// </summary>
    public static async Task<IActionResult?> HandleAsync(HttpRequest request, bool browser = false)
    {
        var context = request.HttpContext;
        var handlers = context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        var handler = await handlers.GetHandlerAsync(context, Scheme) as IAuthenticationRequestHandler
            ?? throw new InvalidOperationException("OpenIddict's server authentication handler is not registered (AddOidc).");
        try
        {
            return await handler.HandleRequestAsync() ? new EmptyResult() : null;
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException)
        {
            return browser
                ? new RedirectResult(OidcAuthorizeService.ErrorPageFor(OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidRequest))
                : new BadRequestObjectResult(new Dictionary<string, string>
                {
                    ["error"] = OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidRequest,
                    ["error_description"] = "The request's parameters could not be read.",
                });
        }
    }

    /// <summary>The error OpenIddict found and passed through (no redirect URI it may use), or null.</summary>
    public static string? PassedThroughError(HttpRequest request) => request.HttpContext.GetOpenIddictServerResponse()?.Error;

    public static async Task<IActionResult> SignInAsync(HttpRequest request, System.Security.Claims.ClaimsPrincipal principal)
    {
        await request.HttpContext.SignInAsync(Scheme, principal);
        return new EmptyResult();
    }

    /// <summary>Answers an OAuth error to the app (at the authorization endpoint: to its validated redirect URI).</summary>
    public static async Task<IActionResult> ForbidAsync(HttpRequest request, string error, string description)
    {
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
        await request.HttpContext.ForbidAsync(Scheme, properties);
        return new EmptyResult();
    }

    public static async Task<IActionResult> SignOutAsync(HttpRequest request)
    {
        await request.HttpContext.SignOutAsync(Scheme);
        return new EmptyResult();
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// CORS for the endpoints a single-page app calls with fetch (OI11): discovery and JWKS for anyone (public documents); token,
/// userinfo and revocation for the origins of registered public clients only. None of them reads the portal's cookie.
/// </summary>
public sealed class OidcCors(OidcClients clients)
{
    /// <summary>Marks a public document readable from any origin.</summary>
    public static void AllowAnyOrigin(HttpRequest request) => request.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";

    /// <summary>Adds the CORS headers for a registered app's origin; answers a preflight itself (204), else null to go on.</summary>
    public IActionResult? Apply(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        var headers = request.HttpContext.Response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        var allowed = clients.IsBrowserOrigin(origin);
        if (allowed)
        {
            headers.AccessControlAllowOrigin = origin;
        }

        if (!HttpMethods.IsOptions(request.Method))
        {
            return null;
        }

        if (allowed)
        {
            headers.AccessControlAllowMethods = "GET, POST";
            headers.AccessControlAllowHeaders = "Authorization, Content-Type";
            headers.AccessControlMaxAge = "600";
        }

        return new NoContentResult();
    }
}

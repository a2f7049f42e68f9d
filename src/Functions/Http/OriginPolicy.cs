using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// Refuses state-changing browser requests from other sites (POST, PUT, PATCH, DELETE whose
/// <c>Origin</c> is not the portal's own). Requests without an Origin header come from
/// non-browser clients (insurers' systems, scripts), which hold no session cookie to abuse.
/// </summary>
public sealed class OriginPolicy(IOptions<PortalOptions> options)
{
    public bool IsAllowed(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return !string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase);
        }

        if (string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var settings = options.Value;
        if (string.Equals(origin, settings.PublicOrigin.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return settings.AllowedOrigins
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(allowed => string.Equals(origin, allowed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    public static Microsoft.AspNetCore.Mvc.ObjectResult Rejection() => ErrorCatalog.ToResult(new PortalError(ErrorCodes.OriginNotAllowed));
}

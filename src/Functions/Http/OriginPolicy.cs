using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// Refuses state-changing browser requests from other sites (POST, PUT, PATCH, DELETE whose <c>Origin</c> is not
/// <see cref="PortalOptions.PublicOrigin"/> or one of <see cref="PortalOptions.AllowedOrigins"/>). The request's own
/// <c>Host</c> is never compared: a DNS-rebinding page controls it. Requests without an Origin header come from
/// non-browser clients (insurers' systems, scripts), which hold no session cookie to abuse.
/// </summary>
public sealed class OriginPolicy(IOptions<PortalOptions> options)
{
    private readonly HashSet<string> allowed = AllowedOrigins(options.Value);

    public bool IsAllowed(HttpRequest request)
    {
        // O5: the OpenID Connect endpoints are called by apps of other origins by design, and act on no cookie a page could ride.
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || request.Path.StartsWithSegments("/api/oidc"))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return !string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase);
        }

        return allowed.Contains(origin);
    }

    public static Microsoft.AspNetCore.Mvc.ObjectResult Rejection() => ErrorCatalog.ToResult(new PortalError(ErrorCodes.OriginNotAllowed));

    private static HashSet<string> AllowedOrigins(PortalOptions settings)
    {
        var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { settings.PublicOrigin.GetLeftPart(UriPartial.Authority) };
        foreach (var origin in settings.AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            origins.Add(origin.TrimEnd('/'));
        }

        return origins;
    }
}

using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Oidc;

/// <summary>The provider's issuer, <c>{Portal:PublicOrigin}/api/oidc</c>, set explicitly (never taken from a request's Host).</summary>
public sealed class OidcIssuer(IOptions<PortalOptions> portal)
{
    public const string Path = "api/oidc";

    public Uri Uri { get; } = For(portal.Value.PublicOrigin);

    public string Value => Uri.AbsoluteUri;

    public static Uri For(Uri publicOrigin) => new(publicOrigin.GetLeftPart(UriPartial.Authority) + "/" + Path);
}

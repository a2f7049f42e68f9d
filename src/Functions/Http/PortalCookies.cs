using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// The options of every cookie the portal sets, in one place: <c>__Host-</c> names (so the browser insists on Secure, Path=/
/// and no Domain), HttpOnly (no script reads them), SameSite=Strict (no other site's request carries them) and essential.
/// </summary>
public static class PortalCookies
{
    /// <summary>The options; <paramref name="maxAge"/> for a cookie that outlives the browser session, none for one that does not.</summary>
    public static CookieOptions Options(TimeSpan? maxAge = null) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };
}

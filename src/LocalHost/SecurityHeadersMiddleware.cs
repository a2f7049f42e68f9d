namespace CustomerPortal.LocalHost;

/// <summary>
/// Adds the browser security headers that <c>src/StaticSite/staticwebapp.config.json</c> sets in Azure,
/// so the pages run locally under the same Content-Security-Policy as in production.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Keep in step with globalHeaders in src/StaticSite/staticwebapp.config.json.
    // No 'unsafe-inline' anywhere: pages load their scripts and styles from files, and the QR code SVG
    // from the API is drawn with attributes only. No third-party origin is allowed.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    // The support console (/support/, issue 24) alone also talks to Entra ID: MSAL.js fetches the tenant's metadata and redeems
    // its code there, and renews silently in a hidden frame. Keep in step with the "/support/*" route in staticwebapp.config.json.
    public const string SupportConsoleContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' https://login.microsoftonline.com; " +
        "font-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; frame-src https://login.microsoftonline.com";

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/support", StringComparison.OrdinalIgnoreCase)
                ? SupportConsoleContentSecurityPolicy
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });

        await next(context);
    }
}

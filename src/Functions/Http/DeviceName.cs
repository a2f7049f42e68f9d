using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// A short, customer-readable name for the browser and system of a request ("Chrome on Windows"), from its User-Agent.
/// A short list of well-known tokens is enough: it helps a customer recognise a session, it is not a fingerprint.
/// </summary>
public static class DeviceName
{
    public const string Unknown = "Unknown browser";

    public static string From(HttpRequest request) => From(request.Headers.UserAgent.ToString());

    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        var browser = Browser(userAgent);
        var system = System(userAgent);
        return (browser, system) switch
        {
            (null, null) => Unknown,
            (null, _) => $"A browser on {system}",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
    }

    private static string? Browser(string ua)
    {
        // Order matters: Edge and Opera also say Chrome; Chrome also says Safari.
        if (Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/")) return "Edge";
        if (Has(ua, "OPR/")) return "Opera";
        if (Has(ua, "SamsungBrowser/")) return "Samsung Internet";
        if (Has(ua, "Firefox/") || Has(ua, "FxiOS/")) return "Firefox";
        if (Has(ua, "Chrome/") || Has(ua, "CriOS/") || Has(ua, "Chromium/")) return "Chrome";
        if (Has(ua, "Safari/") && Has(ua, "Version/")) return "Safari";
        return null;
    }

    private static string? System(string ua)
    {
        if (Has(ua, "iPhone")) return "iPhone";
        if (Has(ua, "iPad")) return "iPad";
        if (Has(ua, "Android")) return "Android";
        if (Has(ua, "Windows")) return "Windows";
        if (Has(ua, "Mac OS X") || Has(ua, "Macintosh")) return "Mac";
        if (Has(ua, "CrOS")) return "ChromeOS";
        if (Has(ua, "Linux")) return "Linux";
        return null;
    }

    private static bool Has(string ua, string token) => ua.Contains(token, StringComparison.Ordinal);
}

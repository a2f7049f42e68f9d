using System.Text.Json;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>
/// The rules for answers of the OpenID Connect endpoints, which answer in OAuth's format: no 5xx; a redirect only to a portal page
/// or a URI an app registered (never anywhere else, OI3); an error as OAuth JSON (<c>{"error": …}</c> from RFC 6749 and its
/// extensions) or a portal problem; and no storage write but a session's own upkeep (no fuzzed request can hold a real code or
/// refresh token, so none may create, rotate or revoke a grant, or write an audit row).
/// </summary>
public static class FuzzOidcVerdict
{
    private static readonly IReadOnlySet<string> OAuthErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
        "invalid_token", "insufficient_scope", "unsupported_token_type", "unsupported_response_type", "access_denied", "server_error",
        "temporarily_unavailable", "login_required", "interaction_required", "consent_required", "unmet_authentication_requirements",
        "request_not_supported", "request_uri_not_supported", "invalid_request_uri", "invalid_request_object", "unsupported_response_mode",

        // OpenIddict's own word at the userinfo endpoint for a request without an access token (RFC 6750 3.1 leaves the code out).
        "missing_token",
    };

    private static readonly string[] PortalPages = ["/oidc-error.html", "/oidc-continue.html", "/oidc-confirm.html", "/index.html"];

    public static FuzzVerdict Judge(FuzzRequest request, int status, string? mediaType, byte[] body, string? location, IReadOnlyList<string> writes, bool bodyWhole)
    {
        var failures = new List<string>();
        string? code = null;
        if (status >= 500 || status < 200)
        {
            failures.Add($"a {status} answer");
        }
        else if (status is >= 300 and < 400)
        {
            code = "redirect";
            if (RedirectProblem(location) is { } problem)
            {
                failures.Add(problem);
            }
        }
        else if (status >= 400 && bodyWhole && request.Method != "HEAD")
        {
            code = mediaType == CustomerPortal.Functions.Http.ErrorCatalog.ContentType
                ? FuzzVerdict.CheckProblem(request, status, mediaType, body, failures) // off-route: the portal's own 404 and 405
                : ErrorOf(request, status, mediaType, body, failures);
        }

        var foreign = writes.Where(write => !write.Contains("RowKey='session-", StringComparison.Ordinal)).ToList();
        if (foreign.Count > 0)
        {
            failures.Add($"{foreign.Count} storage write(s) beyond a session's upkeep: {string.Join("; ", foreign)}");
        }

        return new FuzzVerdict(status, code, failures.Count == 0 ? null : string.Join(" | ", failures));
    }

    private static string? RedirectProblem(string? location)
    {
        if (location is null)
        {
            return "a redirect without a Location";
        }

        if (location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal))
        {
            var path = location.Split('?')[0];
            return PortalPages.Contains(path, StringComparer.Ordinal) ? null : $"a redirect to the portal's {path}, not one of its sign-in pages";
        }

        foreach (var target in FuzzOidcRequests.RegisteredTargets)
        {
            if (location == target || location.StartsWith(target + "?", StringComparison.Ordinal))
            {
                return location.Contains("iss=", StringComparison.Ordinal) || target == FuzzOidcRequests.ConfidentialPostLogout
                    ? null
                    : $"a redirect to {target} without iss (RFC 9207)";
            }
        }

        return $"a redirect to an address no app registered: {FuzzRequest.Printable(location, 200)}";
    }

    private static string? ErrorOf(FuzzRequest request, int status, string? mediaType, byte[] body, List<string> failures)
    {
        if (body.Length == 0 && status is 414 or 431)
        {
            // The server itself (Kestrel here, the platform's front end in Azure) refuses a request line over 8 KB or headers
            // over 32 KB before any function runs.
            return null;
        }

        if (body.Length == 0)
        {
            // A bearer challenge (RFC 6750 3.1: 400, 401 or 403 at the userinfo endpoint) carries its error in WWW-Authenticate.
            if (!(status is 401 or 403 || (status == 400 && request.Route.Function == "OidcUserInfo")))
            {
                failures.Add($"an empty {status} answer");
            }

            return null;
        }

        if (mediaType != "application/json")
        {
            failures.Add($"a {status} answer as '{mediaType}'");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (error is null || !OAuthErrors.Contains(error))
            {
                failures.Add($"an OAuth error '{error}' that RFC 6749 and OpenID Connect do not define");
            }

            return error;
        }
        catch (JsonException exception)
        {
            failures.Add($"an error body that is not JSON ({exception.Message})");
            return null;
        }
    }
}

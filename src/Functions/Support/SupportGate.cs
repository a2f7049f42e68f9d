using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// The one gate of the support API: a valid Entra ID bearer token for the support API (<see cref="SupportTokenValidator"/>) whose
/// <c>roles</c> cover the call. The function key opens nothing here. Every 401 carries <c>WWW-Authenticate: Bearer</c> (RFC 6750).
/// </summary>
public sealed class SupportGate(SupportTokenValidator validator)
{
    /// <summary>The longest token accepted; Entra's access tokens are a few kilobytes.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>The agent of the call, or <c>support_token_missing</c>/<c>_invalid</c>/<c>_expired</c> (401), <c>support_role_required</c> (403), <c>support_sign_in_unavailable</c> (503).</summary>
    public async Task<Outcome<SupportAgent>> AuthorizeAsync(HttpRequest request, SupportRole required, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers.Authorization;
        var value = headers.Count == 1 ? headers[0] : null;
        if (value is null || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value.Length - 7 is 0 or > MaxTokenLength)
        {
            return Challenge(request, ErrorCodes.SupportTokenMissing, null);
        }

        var checkedToken = await validator.ValidateAsync(value[7..].Trim(), cancellationToken);
        if (checkedToken.Error is { } error)
        {
            return error.Code == ErrorCodes.SupportSignInUnavailable ? error : Challenge(request, error.Code, "invalid_token");
        }

        var token = checkedToken.Value!;
        if (!token.TryGetPayloadValue<string>("oid", out var id) || string.IsNullOrWhiteSpace(id))
        {
            return Challenge(request, ErrorCodes.SupportTokenInvalid, "invalid_token");
        }

        var roles = token.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        SupportRole? role = roles.Contains(SupportAgent.SupervisorRole) ? SupportRole.Supervisor : roles.Contains(SupportAgent.AgentRole) ? SupportRole.Agent : null;
        if (role is null || role < required)
        {
            return new PortalError(ErrorCodes.SupportRoleRequired, Extensions: new Dictionary<string, object?> { ["requiredRole"] = required == SupportRole.Supervisor ? SupportAgent.SupervisorRole : SupportAgent.AgentRole });
        }

        return new SupportAgent(id, NameOf(token) ?? id, role.Value, ClientIp.From(request));
    }

    private static string? NameOf(JsonWebToken token)
    {
        foreach (var claim in new[] { "name", "preferred_username" })
        {
            if (token.TryGetPayloadValue<string>(claim, out var name) && !string.IsNullOrWhiteSpace(name))
            {
                return name.Length > 200 ? name[..200] : name;
            }
        }

        return null;
    }

    private static PortalError Challenge(HttpRequest request, string code, string? bearerError)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = bearerError is null ? "Bearer" : $"Bearer error=\"{bearerError}\"";
        return new PortalError(code);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPortal.Samples.InventoryPortal;

/// <summary>
/// <c>POST /backchannel-logout</c>: OpenID Connect Back-Channel Logout 1.0, section 2.6. The portal posts a logout token when the
/// customer's portal session ends (a sign-out at another app, at the portal, a new password, support); this validates it against
/// the portal's JWKS (Microsoft.IdentityModel.JsonWebTokens, the keys the OpenID Connect handler already fetched) and records the
/// session as ended, so the next request with this app's cookie is signed out (<see cref="InventoryPortalApp"/>).
/// </summary>
public sealed partial class BackChannelLogout(IOptionsMonitor<OpenIdConnectOptions> oidc, EndedSessions ended, ILogger<BackChannelLogout> logger)
{
    public const string EventType = "http://schemas.openid.net/event/backchannel-logout";

    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var token = form?["logout_token"].ToString();
        var sessionId = string.IsNullOrEmpty(token) ? null : await ValidateAsync(token, request.HttpContext.RequestAborted);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (sessionId is null)
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        ended.End(sessionId);
        LogEnded(logger);
        return Results.Ok();
    }

    /// <summary>The <c>sid</c> of a valid logout token, or null.</summary>
    private async Task<string?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = configuration.Issuer,
                ValidAudience = options.ClientId,
                IssuerSigningKeys = configuration.SigningKeys,
                ValidTypes = ["logout+jwt"],
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
            });
            if (result.IsValid)
            {
                return LogoutClaimsProblem((JsonWebToken)result.SecurityToken) is { } problem ? Refused(problem) : ((JsonWebToken)result.SecurityToken).GetClaim("sid").Value;
            }

            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && attempt == 1)
            {
                // A key the portal published after the keys were fetched (a rotation): fetch them again, once.
                options.ConfigurationManager.RequestRefresh();
                continue;
            }

            return Refused(result.Exception?.GetType().Name ?? "invalid");
        }

        return null;
    }

    /// <summary>Section 2.6, steps 3 to 6: the events claim, no nonce, a sid (this app signs in by portal session), a jti seen once.</summary>
    private string? LogoutClaimsProblem(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<JsonElement>("events", out var events) || events.ValueKind != JsonValueKind.Object
            || !events.TryGetProperty(EventType, out var logout) || logout.ValueKind != JsonValueKind.Object)
        {
            return "no back-channel logout event";
        }

        if (token.TryGetClaim("nonce", out _))
        {
            return "a nonce";
        }

        if (!token.TryGetClaim("sid", out _))
        {
            return "no sid";
        }

        return string.IsNullOrEmpty(token.Id) || !ended.FirstUse(token.Id, token.ValidTo) ? "a jti missing or used before" : null;
    }

    private string? Refused(string reason)
    {
        LogRefused(logger, reason);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Back-channel logout: a portal session ended; its sign-in here ends with the next request")]
    private static partial void LogEnded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Back-channel logout refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// Logout tokens of OpenID Connect Back-Channel Logout 1.0 (section 2.4), signed with the provider's active key: OpenIddict does
/// not make them, so they are made here with Microsoft.IdentityModel's JsonWebTokenHandler (no hand-written JWT code).
/// </summary>
public sealed class LogoutTokens(OidcSigningKeys keys, OidcIssuer issuer, IOptions<OidcOptions> options, TimeProvider time)
{
    public const string EventType = "http://schemas.openid.net/event/backchannel-logout";
    public const string TokenType = "logout+jwt";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Create(BackChannelLogoutNotice notice)
    {
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["jti"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["events"] = new Dictionary<string, object> { [EventType] = new Dictionary<string, object>() },
            ["sub"] = notice.Subject,
        };
        if (notice.SessionId is not null)
        {
            claims["sid"] = notice.SessionId;
        }

        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer.Value,
            Audience = notice.ClientId,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + options.Value.LogoutTokenLifetime).UtcDateTime,
            Claims = claims,
            TokenType = TokenType,
            SigningCredentials = new SigningCredentials(keys.Active, SecurityAlgorithms.EcdsaSha256),
        });
    }
}

using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CustomerPortal.Functions.Accounts.Sessions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// The identities the provider hands to OpenIddict: the claims about the customer (with the scope that releases each), and
/// private claims (no destination: they stay inside the encrypted code and refresh token) that tie a grant to its account,
/// portal session and row.
/// </summary>
public static class OidcPrincipals
{
    public const string ClaimsScope = "claims";
    public const string ClaimNumberClaim = "claim_number";
    public const string SessionIdClaim = "sid";

    /// <summary>The scopes the provider knows; others are refused (<c>invalid_scope</c>).</summary>
    public static IReadOnlyList<string> Scopes { get; } = [OpenIddictConstants.Scopes.OpenId, OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.Email, ClaimsScope, OpenIddictConstants.Scopes.OfflineAccess];

    public static IReadOnlyList<string> ClaimTypes { get; } =
        [Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.Name, ClaimNumberClaim, Claims.AuthenticationTime, Claims.AuthenticationMethodReference, Claims.AuthenticationContextReference, SessionIdClaim];

    private const string AccountClaim = "portal_account";
    private const string SessionRowClaim = "portal_session_row";
    private const string SessionEndsClaim = "portal_session_ends";
    private const string GrantClaim = "portal_grant";
    private const string GenerationClaim = "portal_generation";

    /// <summary>What the authorization endpoint signs in: the customer as the session knows them, for the scopes asked.</summary>
    public static ClaimsPrincipal ForAuthorization(SessionEntity session, OidcSessionProof proof, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, session.OidcSubject)
            .SetClaim(Claims.Email, session.Email)
            .SetClaim(Claims.EmailVerified, true)
            .SetClaim(Claims.Name, session.DisplayName)
            .SetClaim(ClaimNumberClaim, session.ClaimNumber)
            .SetClaim(Claims.AuthenticationTime, proof.AuthTime.ToUnixTimeSeconds())
            .SetClaim(Claims.AuthenticationContextReference, proof.Level)
            .SetClaim(SessionIdClaim, proof.SessionId)
            .SetClaim(AccountClaim, session.PartitionKey)
            .SetClaim(SessionRowClaim, session.RowKey)
            .SetClaim(SessionEndsClaim, session.ExpiresAt.ToUnixTimeSeconds())
            .SetClaim(GrantClaim, Security.SecureTokens.NewToken()[..22]);

        // amr is a JSON array even with one value (OpenID Connect Core 2).
        identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, JsonSerializer.Serialize(proof.Methods), JsonClaimValueTypes.JsonArray));

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(requestedScopes.Intersect(Scopes, StringComparer.Ordinal));
        principal.SetDestinations(DestinationsOf);
        return principal;
    }

    /// <summary>The principal of a token response: the code's or refresh token's claims, on the given refresh generation, with what is left of the grant.</summary>
    public static ClaimsPrincipal ForTokens(ClaimsPrincipal redeemed, int generation, DateTimeOffset now, TimeSpan refreshLifetime)
    {
        var principal = redeemed.Clone(_ => true);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.SetClaim(GenerationClaim, generation);
        if (generation == 1)
        {
            // The family never outlives the portal session it was made in; later refresh tokens keep this expiry.
            var sessionEnds = DateTimeOffset.FromUnixTimeSeconds(long.Parse(redeemed.GetClaim(SessionEndsClaim)!, CultureInfo.InvariantCulture));
            var left = sessionEnds - now;
            principal.SetRefreshTokenLifetime(left < refreshLifetime ? left : refreshLifetime);
        }

        principal.SetDestinations(DestinationsOf);
        return principal;
    }

    /// <summary>The grant a code or refresh token belongs to, or null when it carries none.</summary>
    public static GrantReference? GrantOf(ClaimsPrincipal principal)
        => principal.GetClaim(AccountClaim) is { } account && principal.GetClaim(GrantClaim) is { } grant
            ? new GrantReference(account, grant, principal.GetClaim(SessionRowClaim) ?? "", principal.GetClaim(SessionIdClaim),
                int.TryParse(principal.GetClaim(GenerationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : 0)
            : null;

    /// <summary>Each claim goes where its scope lets it; private claims go nowhere but the encrypted code and refresh token.</summary>
    private static IEnumerable<string> DestinationsOf(Claim claim)
    {
        var principal = claim.Subject is null ? null : new ClaimsPrincipal(claim.Subject);
        bool Granted(string scope) => principal?.HasScope(scope) ?? false;
        return claim.Type switch
        {
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email or Claims.EmailVerified when Granted(OpenIddictConstants.Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name when Granted(OpenIddictConstants.Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            ClaimNumberClaim when Granted(ClaimsScope) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.AuthenticationTime or Claims.AuthenticationMethodReference or Claims.AuthenticationContextReference or SessionIdClaim
                => [Destinations.IdentityToken],
            _ => ImmutableArray<string>.Empty,
        };
    }
}

/// <summary>Which grant row a code or refresh token belongs to.</summary>
public sealed record GrantReference(string AccountId, string GrantId, string SessionRowKey, string? SessionId, int Generation);

using System.Security.Claims;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// The token endpoint's decisions after OpenIddict validated the code or refresh token (signature, expiry, client, PKCE,
/// redirect URI): a code works once (its grant row is inserted, never overwritten), and a refresh token only while it is its
/// family's newest (the row's generation, moved on with the row's ETag). A code redemption makes 3 storage requests, a refresh 2.
/// </summary>
public sealed partial class OidcTokenService(
    OidcGrantStore grants,
    PortalTables tables,
    SessionService sessions,
    AuditLog audit,
    IOptions<OidcOptions> options,
    TimeProvider time,
    ILogger<OidcTokenService> logger)
{
    public async Task<TokenDecision> RedeemCodeAsync(ClaimsPrincipal code, string clientId, string clientIp, CancellationToken cancellationToken)
    {
        if (OidcPrincipals.GrantOf(code) is not { } reference)
        {
            return TokenDecision.Refuse("The authorization code is not valid.");
        }

        var now = time.GetUtcNow();
        var principal = OidcPrincipals.ForTokens(code, generation: 1, now, options.Value.RefreshTokenLifetime);
        var grant = new OidcGrantEntity
        {
            PartitionKey = reference.AccountId,
            RowKey = OidcGrantStore.RowKeyOf(reference.GrantId),
            ClientId = clientId,
            Subject = code.GetClaim(Claims.Subject) ?? "",
            SessionId = reference.SessionId,
            CreatedAt = now,
            // At least the code's lifetime, so a revoked row outlives every copy of its code.
            ExpiresAt = now + Max(principal.GetRefreshTokenLifetime() ?? TimeSpan.Zero, options.Value.CodeLifetime),
            Generation = 1,
        };

        // OI1: the insert is atomic, so of parallel redemptions exactly one gets here; a replay also revokes what the first got (RFC 6749 4.1.2).
        if (!await grants.TryRedeemAsync(grant, cancellationToken))
        {
            await grants.RevokeAsync(reference.AccountId, reference.GrantId, cancellationToken);
            LogReplay(logger, reference.AccountId, clientId);
            await audit.WriteAsync(reference.AccountId, OidcAuditEvents.GrantReplayed, clientIp, clientId, cancellationToken);
            return TokenDecision.Refuse("The authorization code has been used.");
        }

        // Read after the insert: a session that ended (logout, new password) before this read revoked nothing of ours yet, so we
        // refuse; one that ends after it lists the row we inserted and revokes it (OI10).
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<SessionEntity>(reference.AccountId, reference.SessionRowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || sessions.HasEnded(found.Value!, now))
        {
            await grants.RevokeAsync(reference.AccountId, reference.GrantId, cancellationToken);
            return TokenDecision.Refuse("The portal session this code was issued in has ended.");
        }

        await audit.WriteAsync(reference.AccountId, OidcAuditEvents.AppSignedIn, clientIp, clientId, cancellationToken);
        return TokenDecision.Issue(principal);
    }

    public async Task<TokenDecision> RefreshAsync(ClaimsPrincipal refreshToken, string clientId, string clientIp, CancellationToken cancellationToken)
    {
        if (OidcPrincipals.GrantOf(refreshToken) is not { Generation: > 0 } reference)
        {
            return TokenDecision.Refuse("The refresh token is not valid.");
        }

        var grant = await grants.FindAsync(reference.AccountId, reference.GrantId, cancellationToken);
        if (grant is null || grant.IsRevoked || grant.ExpiresAt <= time.GetUtcNow())
        {
            // Revoked (a logout, a new password, a support reset, a replay) or over.
            return TokenDecision.Refuse("The refresh token has been revoked.");
        }

        // OI2: an older refresh token of the family, or one that lost the race to rotate: someone holds a copy, so the family ends.
        if (grant.Generation != reference.Generation || !await grants.TryRotateAsync(grant, cancellationToken))
        {
            await grants.RevokeAsync(reference.AccountId, reference.GrantId, cancellationToken);
            LogReplay(logger, reference.AccountId, clientId);
            await audit.WriteAsync(reference.AccountId, OidcAuditEvents.GrantReplayed, clientIp, clientId, cancellationToken);
            return TokenDecision.Refuse("The refresh token has been used.");
        }

        return TokenDecision.Issue(OidcPrincipals.ForTokens(refreshToken, grant.Generation + 1, time.GetUtcNow(), options.Value.RefreshTokenLifetime));
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "A code or refresh token of account {AccountId} was presented again by client {ClientId}; its grant is revoked")]
    private static partial void LogReplay(ILogger logger, string accountId, string clientId);
}

/// <summary>The token endpoint's answer: tokens for <see cref="Principal"/>, or <c>invalid_grant</c> with a description.</summary>
public sealed record TokenDecision(ClaimsPrincipal? Principal, string? ErrorDescription)
{
    public const string Error = Errors.InvalidGrant;

    public static TokenDecision Issue(ClaimsPrincipal principal) => new(principal, null);

    public static TokenDecision Refuse(string description) => new(null, description);
}

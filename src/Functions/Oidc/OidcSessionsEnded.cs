using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// What the provider does when portal sessions end (OI10): the apps' grants made in them are revoked (their refresh tokens stop
/// working), and each app with a back-channel logout URI is told which session ended, through the durable logout queue. A new password, a
/// support reset of the second factor or support's end-sessions revokes every grant of the account; a logout or "sign out other
/// devices" those of the ended sessions. One partition query, a revoking write per grant, one audit row.
/// </summary>
public sealed class OidcSessionsEnded(OidcGrantStore grants, BackChannelLogouts logouts, OidcClients clients, AuditLog audit) : ISessionsEndedObserver
{
    private static readonly HashSet<string> WholeAccount = new(StringComparer.Ordinal)
    {
        SessionEndReasons.PasswordChanged, SessionEndReasons.PasswordReset, SessionEndReasons.SupportResetMfa, SessionEndReasons.SupportEndSessions,
        SessionEndReasons.AccountDeleted,
    };

    public async Task SessionsEndedAsync(string accountId, IReadOnlyCollection<string> sessionIds, string reason, CancellationToken cancellationToken)
    {
        var all = await grants.ListAsync(accountId, cancellationToken);
        var live = all.Where(grant => !grant.IsRevoked).ToList();
        var revoked = WholeAccount.Contains(reason) ? live : [.. live.Where(grant => grant.SessionId is not null && sessionIds.Contains(grant.SessionId))];
        if (revoked.Count == 0)
        {
            return;
        }

        var deleted = await grants.RevokeAllAsync(revoked, cancellationToken);
        // One queue write per app and session, side by side: the request that ended the sessions waits for one round trip.
        await Task.WhenAll(revoked
            .DistinctBy(grant => (grant.ClientId, grant.SessionId))
            .Where(grant => clients.Find(grant.ClientId) is { BackChannelLogoutUri.Length: > 0 })
            .Select(grant => logouts.EnqueueAsync(new BackChannelLogoutNotice(grant.ClientId, grant.Subject, grant.SessionId), cancellationToken)));

        if (deleted > 0)
        {
            await audit.WriteAsync(accountId, OidcAuditEvents.GrantsRevoked, ClientIp.Unknown, $"{reason}:{deleted}", cancellationToken);
        }
    }
}

using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Me;

/// <summary>The signed-in customer's own sessions: see where they are signed in, and sign out everywhere else.</summary>
public sealed class SessionsFunctions(SessionPipeline pipeline, SessionService sessions, AuditLog audit)
{
    /// <summary><c>GET /api/me/sessions</c>: the account's live sessions, newest first.</summary>
    [Function(nameof(MySessions))]
    public Task<IActionResult> MySessions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/sessions")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            async session =>
            {
                var live = await sessions.ListAsync(session.PartitionKey, cancellationToken);
                return new Outcome<IReadOnlyList<SessionView>>([.. live
                    .OrderByDescending(row => row.CreatedAt)
                    .Select(row => new SessionView(
                        SecureTokens.ShortId(row.RowKey, SessionEntity.RowPrefix), row.Stage, row.CreatedAt, row.LastSeenAt, row.RowKey == session.RowKey, row.Device ?? DeviceName.Unknown))], null);
            },
            list => new OkObjectResult(list),
            cancellationToken);

    /// <summary><c>POST /api/me/sessions/end-others</c>: signs out every other session of the account.</summary>
    [Function(nameof(EndOtherSessions))]
    public Task<IActionResult> EndOtherSessions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/sessions/end-others")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            async session =>
            {
                var ended = await sessions.EndOthersAsync(session.PartitionKey, session, SessionEndReasons.OthersSignedOut, cancellationToken);
                await audit.WriteAsync(session.PartitionKey, AuditEvents.OtherSessionsEnded, ClientIp.From(request), ended.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                return new Outcome<int>(ended, null);
            },
            _ => new NoContentResult(),
            cancellationToken);
}

/// <summary>One session in <c>GET /api/me/sessions</c>.</summary>
public sealed record SessionView(string Id, string Stage, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current, string Device);

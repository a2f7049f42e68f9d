using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Auth;

/// <summary><c>POST /api/auth/logout</c>: ends the session on the server and clears the cookie.</summary>
public sealed class LogoutFunction(SessionService sessions, AuditLog audit)
{
    [Function(nameof(Logout))]
    public async Task<IActionResult> Logout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await sessions.ResolveAsync(request, cancellationToken);
        sessions.ClearCookie(request.HttpContext.Response);
        if (!session.Succeeded)
        {
            return ErrorCatalog.ToResult(session.Error!, request.HttpContext.Response);
        }

        await sessions.EndAsync(session.Value!, cancellationToken);
        await audit.WriteAsync(session.Value!.PartitionKey, AuditEvents.SignedOut, ClientIp.From(request), null, cancellationToken);
        return new NoContentResult();
    }
}

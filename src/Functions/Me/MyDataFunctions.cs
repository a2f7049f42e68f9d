using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Me;

/// <summary>The customer's own data (issue 28): download it, or delete the account.</summary>
public sealed class MyDataFunctions(SessionPipeline pipeline, SessionService sessions, AccountExport export, AccountDeletion deletion)
{
    /// <summary><c>GET /api/me/data</c>: everything held about the customer, as JSON (step-up required, rule DP3).</summary>
    [Function(nameof(MyData))]
    public Task<IActionResult> MyData(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/data")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request,
            SessionPipeline.FullOnly,
            session => export.ExportAsync(session, ClientIp.From(request), cancellationToken),
            data =>
            {
                request.HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"customer-portal-data.json\"";
                return new OkObjectResult(data);
            },
            cancellationToken);

    /// <summary><c>DELETE /api/me</c>: deletes the account (step-up and the typed confirmation, rule DP2); 204 and the cookie cleared.</summary>
    [Function(nameof(DeleteMe))]
    public Task<IActionResult> DeleteMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "me")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<DeleteOwnAccountRequest, bool>(
            request,
            SessionPipeline.FullOnly,
            (session, _) => deletion.DeleteOwnAsync(session, cancellationToken),
            _ =>
            {
                sessions.ClearCookie(request.HttpContext.Response);
                return new NoContentResult();
            },
            cancellationToken);
}

using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Admin;

/// <summary>The insurer's systems (function key) end a claim or an account, and read a deleted account's kept trail (issue 28).</summary>
public sealed class AccountLifecycleFunctions(AccountDeletion deletion, DeletedTrail deletedTrail, ClaimClosure claims)
{
    /// <summary><c>DELETE /api/admin/accounts/{id}</c> with a reason: deletes the account (rule DP1); 204.</summary>
    [Function(nameof(AdminDeleteAccount))]
    public async Task<IActionResult> AdminDeleteAccount(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "admin/accounts/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<DeleteAccountRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await deletion.DeleteAsync(id, DeletionBy.Admin, agent: null, agentName: null, body.Value!.Reason!.Trim(), cancellationToken);
        return ErrorCatalog.Map(outcome, request, _ => new NoContentResult());
    }

    /// <summary><c>GET /api/admin/deleted-accounts/{id}/events</c>: a deleted account's pseudonymized trail, found by its id (rule DP4); 200.</summary>
    [Function(nameof(AdminDeletedAccountEvents))]
    public async Task<IActionResult> AdminDeletedAccountEvents(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/deleted-accounts/{id}/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => ErrorCatalog.Map(await deletedTrail.ReadAsync(id, cancellationToken), request, trail => new OkObjectResult(trail));

    /// <summary><c>POST /api/admin/claims/close</c>: the claim closed; its accounts go <c>Retention:DeleteAfterDays</c> later (rule DP5).</summary>
    [Function(nameof(AdminCloseClaim))]
    public Task<IActionResult> AdminCloseClaim(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/claims/close")] HttpRequest request,
        CancellationToken cancellationToken)
        => SetAsync(request, closed: true, cancellationToken);

    /// <summary><c>POST /api/admin/claims/reopen</c>: the claim is open again; its accounts stay.</summary>
    [Function(nameof(AdminReopenClaim))]
    public Task<IActionResult> AdminReopenClaim(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/claims/reopen")] HttpRequest request,
        CancellationToken cancellationToken)
        => SetAsync(request, closed: false, cancellationToken);

    private async Task<IActionResult> SetAsync(HttpRequest request, bool closed, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ClaimRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        return ErrorCatalog.Map(await claims.SetAsync(body.Value!, closed, ClientIp.From(request), cancellationToken), request, result => new OkObjectResult(result));
    }
}

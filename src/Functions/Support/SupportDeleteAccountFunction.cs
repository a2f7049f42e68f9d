using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// <c>DELETE /api/support/accounts/{id}</c> (an Entra ID token with the <c>Support.Supervisor</c> role, a reason): support deletes an account at the
/// customer's request (rule DP1); 204. Thin on purpose: what deletion does is <see cref="AccountDeletion"/>'s.
/// </summary>
public sealed class SupportDeleteAccountFunction(AccountDeletion deletion, SupportGate gate)
{
    [Function(nameof(SupportDeleteAccount))]
    public async Task<IActionResult> SupportDeleteAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "support/accounts/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var caller = await gate.AuthorizeAsync(request, SupportRole.Supervisor, cancellationToken);
        if (caller.Error is { } refused)
        {
            return ErrorCatalog.ToResult(refused, request.HttpContext.Response);
        }

        var body = await JsonBody.ReadAsync<SupportActionRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await deletion.DeleteAsync(id, DeletionBy.Support, caller.Value!.Id, caller.Value!.Name, body.Value!.Reason!.Trim(), cancellationToken);
        return ErrorCatalog.Map(outcome, request, _ => new NoContentResult());
    }
}

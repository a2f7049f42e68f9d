using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// <c>DELETE /api/support/accounts/{id}</c> (function key, <c>X-Support-Agent</c>, a reason): support deletes an account at the
/// customer's request (rule DP1); 204. Thin on purpose: what deletion does is <see cref="AccountDeletion"/>'s.
/// </summary>
public sealed class SupportDeleteAccountFunction(AccountDeletion deletion)
{
    [Function(nameof(SupportDeleteAccount))]
    public async Task<IActionResult> SupportDeleteAccount(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "support/accounts/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SupportActionRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var caller = SupportCaller.From(request);
        if (caller.Error is { } error)
        {
            return ErrorCatalog.ToResult(error);
        }

        var outcome = await deletion.DeleteAsync(id, DeletionBy.Support, caller.Value!.Agent, body.Value!.Reason!.Trim(), cancellationToken);
        return ErrorCatalog.Map(outcome, request, _ => new NoContentResult());
    }
}

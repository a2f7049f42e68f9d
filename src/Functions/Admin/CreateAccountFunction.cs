using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Admin;

/// <summary><c>POST /api/admin/accounts</c> (function key): insurers' systems create an account and get its activation link.</summary>
public sealed class CreateAccountFunction(AccountCreationService accounts)
{
    [Function(nameof(CreateAccount))]
    public async Task<IActionResult> CreateAccount(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/accounts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CreateAccountRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await accounts.CreateAsync(body.Value!, ClientIp.From(request), cancellationToken);
        return ErrorCatalog.Map(outcome, request, created => new ObjectResult(created) { StatusCode = StatusCodes.Status201Created });
    }
}

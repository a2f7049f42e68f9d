using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Accounts;

/// <summary><c>POST /api/admin/accounts</c> (function key): insurers' systems create an account and get its activation link.</summary>
public sealed class CreateAccountFunction(AccountService accounts, AuditLog audit)
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

        var outcome = await accounts.CreateAsync(body.Value!, cancellationToken);
        if (outcome.Succeeded)
        {
            await audit.WriteAsync(outcome.Value!.AccountId, AuditEvents.AccountCreated, ClientIp.From(request), null, cancellationToken);
        }

        return ErrorCatalog.Map(outcome, request, created => new ObjectResult(created) { StatusCode = StatusCodes.Status201Created });
    }
}

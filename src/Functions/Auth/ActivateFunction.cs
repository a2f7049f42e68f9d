using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Auth;

/// <summary><c>POST /api/auth/activate</c>: the first password, from a single-use activation token; starts a pending session.</summary>
public sealed class ActivateFunction(AuthService auth, SessionService sessions)
{
    [Function(nameof(Activate))]
    public async Task<IActionResult> Activate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/activate")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ActivateRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await auth.ActivateAsync(body.Value!, ClientIp.From(request), cancellationToken);
        return ErrorCatalog.Map(outcome, request, result =>
        {
            sessions.WriteCookie(request.HttpContext.Response, result.Cookie);
            return new OkObjectResult(result.Response);
        });
    }
}

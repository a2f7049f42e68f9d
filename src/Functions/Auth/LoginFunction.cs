using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Auth;

/// <summary><c>POST /api/auth/login</c>: email and password; starts a pending session for the second factor.</summary>
public sealed class LoginFunction(AuthService auth, SessionService sessions)
{
    [Function(nameof(Login))]
    public async Task<IActionResult> Login(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<LoginRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await auth.LoginAsync(body.Value!, ClientIp.From(request), cancellationToken);
        return ErrorCatalog.Map(outcome, request, result =>
        {
            sessions.WriteCookie(request.HttpContext.Response, result.Cookie);
            return new OkObjectResult(result.Response);
        });
    }
}

using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Auth;

/// <summary><c>POST /api/auth/login</c>: email and password; starts a pending session for the second factor.</summary>
public sealed class LoginFunction(SessionPipeline pipeline, AuthService auth)
{
    [Function(nameof(Login))]
    public Task<IActionResult> Login(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/login")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.StartAsync<LoginRequest, SignInResponse>(request, body => auth.LoginAsync(body, ClientIp.From(request), cancellationToken), cancellationToken);
}

using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Auth;

/// <summary><c>POST /api/auth/activate</c>: the first password, from a single-use activation token; starts a pending session.</summary>
public sealed class ActivateFunction(SessionPipeline pipeline, AuthService auth)
{
    [Function(nameof(Activate))]
    public Task<IActionResult> Activate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/activate")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.StartAsync<ActivateRequest, SignInResponse>(request, body => auth.ActivateAsync(body, ClientIp.From(request), cancellationToken), cancellationToken);
}

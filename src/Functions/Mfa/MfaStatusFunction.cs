using CustomerPortal.Functions.Accounts.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>GET /api/mfa</c>: the session's stage, the methods set up, the setup plan and recovery codes left.</summary>
public sealed class MfaStatusFunction(SessionPipeline pipeline, MfaSetupService setup)
{
    [Function(nameof(MfaStatus))]
    public Task<IActionResult> MfaStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mfa")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.AnyStage,
            session => setup.StatusAsync(session, cancellationToken),
            status => new OkObjectResult(status),
            cancellationToken);
}

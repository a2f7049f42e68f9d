using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/setup</c>: choose the methods to set up (SMS first when both).</summary>
public sealed class ChoosePlanFunction(SessionPipeline pipeline, MfaSetupService setup)
{
    [Function(nameof(ChoosePlan))]
    public Task<IActionResult> ChoosePlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<ChoosePlanRequest, SetupPlanResponse>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.ChoosePlanAsync(session, body.Ordered(), ClientIp.From(request), cancellationToken),
            plan => new OkObjectResult(plan),
            cancellationToken);
}

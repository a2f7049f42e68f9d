using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/setup</c>: choose the methods to set up (SMS first when both).</summary>
public sealed class ChoosePlanFunction(SessionRequests requests, MfaSetupService setup)
{
    [Function(nameof(ChoosePlan))]
    public Task<IActionResult> ChoosePlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => requests.HandleAsync<ChoosePlanRequest, SetupPlanResponse>(
            request, SessionRequests.AnyStage,
            (session, body) => setup.ChoosePlanAsync(session, body.Ordered(), Http.ClientIp.From(request), cancellationToken),
            plan => new OkObjectResult(plan),
            cancellationToken);
}

using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/totp/setup/confirm</c>: the app's first code proves the setup worked.</summary>
public sealed class TotpSetupConfirmFunction(SessionPipeline pipeline, MfaSetupService setup)
{
    [Function(nameof(TotpSetupConfirm))]
    public Task<IActionResult> TotpSetupConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/totp/setup/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<CodeRequest, SessionStepResult<SetupStepResponse>>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.ConfirmTotpAsync(session, body.Code!, ClientIp.From(request), cancellationToken),
            result => pipeline.Step(request, result),
            cancellationToken);
}

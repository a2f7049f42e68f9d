using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/sms/setup/confirm</c>: the code sent to the new number proves it.</summary>
public sealed class SmsSetupConfirmFunction(SessionPipeline pipeline, MfaSetupService setup)
{
    [Function(nameof(SmsSetupConfirm))]
    public Task<IActionResult> SmsSetupConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/setup/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<CodeRequest, SessionStepResult<SetupStepResponse>>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.ConfirmSmsAsync(session, body.Code!, ClientIp.From(request), cancellationToken),
            result => pipeline.Step(request, result),
            cancellationToken);
}

using CustomerPortal.Functions.Mfa;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Sms;

/// <summary><c>POST /api/mfa/sms/setup/confirm</c>: the code sent to the new number proves it.</summary>
public sealed class SmsSetupConfirmFunction(SessionRequests requests, MfaSetupService setup)
{
    [Function(nameof(SmsSetupConfirm))]
    public Task<IActionResult> SmsSetupConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/setup/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => requests.HandleAsync<CodeRequest, SessionStepResult<SetupStepResponse>>(
            request, SessionRequests.AnyStage,
            (session, body) => setup.ConfirmSmsAsync(session, body.Code!, Http.ClientIp.From(request), cancellationToken),
            result => requests.Step(request, result),
            cancellationToken);
}

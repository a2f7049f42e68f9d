using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/totp/setup/confirm</c>: the app's first code proves the setup worked.</summary>
public sealed class TotpSetupConfirmFunction(SessionRequests requests, MfaSetupService setup)
{
    [Function(nameof(TotpSetupConfirm))]
    public Task<IActionResult> TotpSetupConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/totp/setup/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => requests.HandleAsync<CodeRequest, SessionStepResult<SetupStepResponse>>(
            request, SessionRequests.AnyStage,
            (session, body) => setup.ConfirmTotpAsync(session, body.Code!, Http.ClientIp.From(request), cancellationToken),
            result => requests.Step(request, result),
            cancellationToken);
}

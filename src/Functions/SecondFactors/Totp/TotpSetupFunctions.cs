using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.SecondFactors.Totp;

/// <summary>The authenticator app's setup routes: a new key, then the app's first code.</summary>
public sealed class TotpSetupFunctions(SessionPipeline pipeline, TotpSetupService setup)
{
    /// <summary><c>POST /api/mfa/totp/setup</c>: a new authenticator key with its QR code; active only after a right code.</summary>
    [Function(nameof(TotpSetup))]
    public Task<IActionResult> TotpSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/totp/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.AnyStage,
            session => setup.StartAsync(session, cancellationToken),
            response => new OkObjectResult(response),
            cancellationToken);

    /// <summary><c>POST /api/mfa/totp/setup/confirm</c>: the app's first code proves the setup worked.</summary>
    [Function(nameof(TotpSetupConfirm))]
    public Task<IActionResult> TotpSetupConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/totp/setup/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<CodeRequest, SessionStepResult<SetupStepResponse>>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.ConfirmAsync(session, body, ClientIp.From(request), ClientDevice.From(request), cancellationToken),
            result => DeviceCookie.Step(pipeline, request, result),
            cancellationToken);
}

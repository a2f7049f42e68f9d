using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/totp/setup</c>: a new authenticator key with its QR code; active only after a right code.</summary>
public sealed class TotpSetupFunction(SessionPipeline pipeline, MfaSetupService setup)
{
    [Function(nameof(TotpSetup))]
    public Task<IActionResult> TotpSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/totp/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.AnyStage,
            session => setup.StartTotpAsync(session, cancellationToken),
            response => new OkObjectResult(response),
            cancellationToken);
}

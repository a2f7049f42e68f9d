using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/verify</c>: the returning customer's second factor; a right code signs in.</summary>
public sealed class VerifyFunction(SessionPipeline pipeline, MfaVerifyService verify)
{
    [Function(nameof(Verify))]
    public Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/verify")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<VerifyRequest, SessionStepResult<VerifyResponse>>(
            request, SessionPipeline.PendingOnly,
            (session, body) => verify.VerifyAsync(session, body, ClientIp.From(request), cancellationToken),
            result => pipeline.Step(request, result),
            cancellationToken);
}

using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/verify</c>: the returning customer's second factor; a right code signs in.</summary>
public sealed class VerifyFunction(SessionRequests requests, MfaVerifyService verify)
{
    [Function(nameof(Verify))]
    public Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/verify")] HttpRequest request,
        CancellationToken cancellationToken)
        => requests.HandleAsync<VerifyRequest, SessionStepResult<VerifyResponse>>(
            request, SessionRequests.PendingOnly,
            (session, body) => verify.VerifyAsync(session, body, Http.ClientIp.From(request), cancellationToken),
            result => requests.Step(request, result),
            cancellationToken);
}

using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary>The returning customer's second-factor routes: the sign-in text and the code that signs in.</summary>
public sealed class MfaVerifyFunctions(SessionPipeline pipeline, MfaVerifyService verify)
{
    /// <summary><c>POST /api/mfa/sms/send</c>: a returning customer asks for a sign-in code on the enrolled phone.</summary>
    [Function(nameof(SmsSend))]
    public Task<IActionResult> SmsSend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/send")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.PendingOnly,
            session => verify.SendSmsCodeAsync(session, ClientIp.From(request), cancellationToken),
            SessionPipeline.Accepted,
            cancellationToken);

    /// <summary><c>POST /api/mfa/verify</c>: the returning customer's second factor; a right code signs in.</summary>
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

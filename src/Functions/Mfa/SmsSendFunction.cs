using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/sms/send</c>: a returning customer asks for a sign-in code on the enrolled phone.</summary>
public sealed class SmsSendFunction(SessionPipeline pipeline, MfaVerifyService verify)
{
    [Function(nameof(SmsSend))]
    public Task<IActionResult> SmsSend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/send")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.PendingOnly,
            session => verify.SendSmsCodeAsync(session, ClientIp.From(request), cancellationToken),
            SessionPipeline.Accepted,
            cancellationToken);
}

using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Mfa;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Sms;

/// <summary><c>POST /api/mfa/sms/send</c>: a returning customer asks for a sign-in code on the enrolled phone.</summary>
public sealed class SmsSendFunction(SessionRequests requests, MfaVerifyService verify)
{
    [Function(nameof(SmsSend))]
    public Task<IActionResult> SmsSend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/send")] HttpRequest request,
        CancellationToken cancellationToken)
        => requests.HandleAsync(
            request, SessionRequests.PendingOnly,
            session => verify.SendSmsCodeAsync(session, ClientIp.From(request), cancellationToken),
            SessionRequests.Accepted,
            cancellationToken);
}

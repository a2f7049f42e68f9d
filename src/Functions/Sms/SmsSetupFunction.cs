using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Mfa;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Sms;

/// <summary><c>POST /api/mfa/sms/setup</c>: check the phone number and send it a code.</summary>
public sealed class SmsSetupFunction(SessionRequests requests, MfaSetupService setup)
{
    [Function(nameof(SmsSetup))]
    public Task<IActionResult> SmsSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => requests.HandleAsync<SmsSetupRequest, SmsCodeSentResponse>(
            request, SessionRequests.AnyStage,
            (session, body) => setup.StartSmsAsync(session, body, ClientIp.From(request), cancellationToken),
            SessionRequests.Accepted,
            cancellationToken);
}

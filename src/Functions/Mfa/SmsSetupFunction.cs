using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>POST /api/mfa/sms/setup</c>: check the phone number and send it a code.</summary>
public sealed class SmsSetupFunction(SessionPipeline pipeline, MfaSetupService setup)
{
    [Function(nameof(SmsSetup))]
    public Task<IActionResult> SmsSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<SmsSetupRequest, SmsCodeSentResponse>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.StartSmsAsync(session, body, ClientIp.From(request), cancellationToken),
            SessionPipeline.Accepted,
            cancellationToken);
}

using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary>The returning customer's second-factor routes: the sign-in text and the code that signs in.</summary>
public sealed class MfaVerifyFunctions(SessionPipeline pipeline, MfaVerifyService verify)
{
    /// <summary><c>POST /api/mfa/sms/send</c>: a code on the enrolled phone, to sign in (pending session) or to step up (full session).</summary>
    [Function(nameof(SmsSend))]
    public Task<IActionResult> SmsSend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/send")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.AnyStage,
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
            (session, body) => verify.VerifyAsync(session, body, ClientIp.From(request), ClientDevice.From(request), cancellationToken),
            result => DeviceCookie.Step(pipeline, request, result),
            cancellationToken);

    /// <summary><c>POST /api/mfa/step-up</c>: a full session proves a second factor again, for changes to the methods.</summary>
    [Function(nameof(StepUp))]
    public Task<IActionResult> StepUp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/step-up")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<VerifyRequest, StepUpResponse>(
            request, SessionPipeline.FullOnly,
            (session, body) => verify.StepUpAsync(session, body, ClientIp.From(request), cancellationToken),
            stepUp => new OkObjectResult(stepUp),
            cancellationToken);

    /// <summary><c>DELETE /api/mfa/methods/{method}</c>: remove <c>sms</c> or <c>totp</c> after a step-up; never the last method.</summary>
    [Function(nameof(RemoveMethod))]
    public Task<IActionResult> RemoveMethod(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "mfa/methods/{method}")] HttpRequest request,
        string method,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            session => verify.RemoveMethodAsync(session, method, ClientIp.From(request), cancellationToken),
            _ => new NoContentResult(),
            cancellationToken);
}

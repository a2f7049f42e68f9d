using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary>The MFA setup routes: choose the methods, then set up each (SMS first when both), a method counting only after a right code.</summary>
public sealed class MfaSetupFunctions(SessionPipeline pipeline, MfaSetupService setup)
{
    /// <summary><c>POST /api/mfa/setup</c>: choose the methods to set up (SMS first when both).</summary>
    [Function(nameof(ChoosePlan))]
    public Task<IActionResult> ChoosePlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<ChoosePlanRequest, SetupPlanResponse>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.ChoosePlanAsync(session, body.Ordered(), ClientIp.From(request), cancellationToken),
            plan => new OkObjectResult(plan),
            cancellationToken);

    /// <summary><c>POST /api/mfa/sms/setup</c>: check the phone number and send it a code.</summary>
    [Function(nameof(SmsSetup))]
    public Task<IActionResult> SmsSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<SmsSetupRequest, SmsCodeSentResponse>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.StartSmsAsync(session, body, ClientIp.From(request), cancellationToken),
            SessionPipeline.Accepted,
            cancellationToken);

    /// <summary><c>POST /api/mfa/sms/setup/confirm</c>: the code sent to the new number proves it.</summary>
    [Function(nameof(SmsSetupConfirm))]
    public Task<IActionResult> SmsSetupConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/setup/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<CodeRequest, SessionStepResult<SetupStepResponse>>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.ConfirmSmsAsync(session, body, ClientIp.From(request), ClientDevice.From(request), cancellationToken),
            result => DeviceCookie.Step(pipeline, request, result),
            cancellationToken);

    /// <summary><c>POST /api/mfa/totp/setup</c>: a new authenticator key with its QR code; active only after a right code.</summary>
    [Function(nameof(TotpSetup))]
    public Task<IActionResult> TotpSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/totp/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.AnyStage,
            session => setup.StartTotpAsync(session, cancellationToken),
            response => new OkObjectResult(response),
            cancellationToken);

    /// <summary><c>POST /api/mfa/totp/setup/confirm</c>: the app's first code proves the setup worked.</summary>
    [Function(nameof(TotpSetupConfirm))]
    public Task<IActionResult> TotpSetupConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/totp/setup/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<CodeRequest, SessionStepResult<SetupStepResponse>>(
            request, SessionPipeline.AnyStage,
            (session, body) => setup.ConfirmTotpAsync(session, body, ClientIp.From(request), ClientDevice.From(request), cancellationToken),
            result => DeviceCookie.Step(pipeline, request, result),
            cancellationToken);
}

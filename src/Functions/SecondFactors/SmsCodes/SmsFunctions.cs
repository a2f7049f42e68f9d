using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.SecondFactors.SmsCodes;

/// <summary>The SMS routes: the countries a code can go to, the phone's setup and its code, and the sign-in text.</summary>
public sealed class SmsFunctions(SessionPipeline pipeline, SmsSetupService sms, PhoneNumberValidator phones)
{
    /// <summary><c>GET /api/mfa/countries</c>: the countries SMS codes can be sent to, for the country picker.</summary>
    [Function(nameof(Countries))]
    public IActionResult Countries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mfa/countries")] HttpRequest request)
        => new OkObjectResult(phones.Countries());

    /// <summary><c>POST /api/mfa/sms/setup</c>: check the phone number and send it a code.</summary>
    [Function(nameof(SmsSetup))]
    public Task<IActionResult> SmsSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<SmsSetupRequest, SmsCodeSentResponse>(
            request, SessionPipeline.AnyStage,
            (session, body) => sms.StartAsync(session, body, ClientIp.From(request), cancellationToken),
            SessionPipeline.Accepted,
            cancellationToken);

    /// <summary><c>POST /api/mfa/sms/setup/confirm</c>: the code sent to the new number proves it.</summary>
    [Function(nameof(SmsSetupConfirm))]
    public Task<IActionResult> SmsSetupConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/setup/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<CodeRequest, SessionStepResult<SetupStepResponse>>(
            request, SessionPipeline.AnyStage,
            (session, body) => sms.ConfirmAsync(session, body, ClientIp.From(request), ClientDevice.From(request), cancellationToken),
            result => DeviceCookie.Step(pipeline, request, result),
            cancellationToken);

    /// <summary><c>POST /api/mfa/sms/send</c>: a code on the enrolled phone, to sign in (pending session) or to step up (full session).</summary>
    [Function(nameof(SmsSend))]
    public Task<IActionResult> SmsSend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/sms/send")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.AnyStage,
            session => sms.SendSignInCodeAsync(session, ClientIp.From(request), cancellationToken),
            SessionPipeline.Accepted,
            cancellationToken);
}

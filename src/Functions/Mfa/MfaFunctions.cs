using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// The routes every method shares: where the session stands, the setup plan, the proof that signs in, the step-up, and a
/// method's removal. A method's own routes (its setup, a text, passkey ceremonies) live in its folder under <c>SecondFactors/</c>.
/// </summary>
public sealed class MfaFunctions(
    SessionPipeline pipeline,
    SecondFactorRegistry factors,
    MfaSetupService setup,
    MfaVerifyService verify,
    SecondFactorRemoval removal)
{
    /// <summary><c>GET /api/mfa</c>: the session's stage, the methods set up, the setup plan and recovery codes left.</summary>
    [Function(nameof(MfaStatus))]
    public Task<IActionResult> MfaStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mfa")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.AnyStage,
            session => setup.StatusAsync(session, cancellationToken),
            status => new OkObjectResult(status),
            cancellationToken);

    /// <summary><c>POST /api/mfa/setup</c>: choose the methods to set up (in their order: SMS, the app, a passkey).</summary>
    [Function(nameof(ChoosePlan))]
    public Task<IActionResult> ChoosePlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/setup")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<ChoosePlanRequest, SetupPlanResponse>(
            request, SessionPipeline.AnyStage, ChoosePlanRequest.CheckWith(factors), _ => [],
            (read, body) => setup.ChoosePlanAsync(read, body.Methods!, ClientIp.From(request), cancellationToken),
            plan => new OkObjectResult(plan),
            cancellationToken);

    /// <summary><c>POST /api/mfa/verify</c>: the returning customer's second factor; a right one signs in.</summary>
    [Function(nameof(Verify))]
    public Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/verify")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<VerifyRequest, SessionStepResult<VerifyResponse>>(
            request, SessionPipeline.PendingOnly, VerifyRequest.CheckWith(factors), verify.RowsFor,
            (read, body) => verify.VerifyAsync(read, body, ClientIp.From(request), ClientDevice.From(request), cancellationToken),
            result => DeviceCookie.Step(pipeline, request, result),
            cancellationToken);

    /// <summary><c>POST /api/mfa/step-up</c>: a full session proves a second factor again, for changes to the methods.</summary>
    [Function(nameof(StepUp))]
    public Task<IActionResult> StepUp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/step-up")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<VerifyRequest, StepUpResponse>(
            request, SessionPipeline.FullOnly, VerifyRequest.CheckWith(factors), verify.RowsFor,
            (read, body) => verify.StepUpAsync(read, body, ClientIp.From(request), cancellationToken),
            stepUp => new OkObjectResult(stepUp),
            cancellationToken);

    /// <summary>
    /// <c>DELETE /api/mfa/methods/{method}</c>: removes a method the account has after a step-up, never the last one (a passkey
    /// goes by its id: <c>DELETE /api/passkeys/{id}</c>).
    /// </summary>
    [Function(nameof(RemoveMethod))]
    public Task<IActionResult> RemoveMethod(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "mfa/methods/{method}")] HttpRequest request,
        string method,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(
            request, SessionPipeline.FullOnly,
            session => factors.Find(method) is { SetupOrder: not null, RemovedByItem: false } factor
                ? removal.RemoveAsync(session, factor, null, ClientIp.From(request), cancellationToken)
                : Task.FromResult<Outcome<bool>>(PortalError.Validation(
                    "method", $"Use {SecondFactorRegistry.Quote(factors.Methods.Where(f => !f.RemovedByItem), "or")}.")),
            _ => new NoContentResult(),
            cancellationToken);
}

using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// The passkey routes: add one (or set one up), list, rename and remove them, and the options to use one as the second factor.
/// Signing in with a passkey alone is a sign-in route (<c>SignIn/PasskeySignInFunctions</c>).
/// </summary>
public sealed class PasskeyFunctions(
    SessionPipeline pipeline,
    PasskeyFactor factor,
    PasskeyRegistrationService registration,
    PasskeyAssertionService assertions,
    SecondFactorRemoval removal)
{
    /// <summary><c>POST /api/passkeys/register/options</c>: options for <c>navigator.credentials.create</c>.</summary>
    [Function(nameof(PasskeyRegisterOptions))]
    public Task<IActionResult> PasskeyRegisterOptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "passkeys/register/options")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(request, SessionPipeline.AnyStage, session => registration.OptionsAsync(session, cancellationToken), Json, cancellationToken);

    /// <summary><c>POST /api/passkeys/register</c>: the new passkey, checked; 201 with its id and name (and the next setup step).</summary>
    [Function(nameof(PasskeyRegister))]
    public Task<IActionResult> PasskeyRegister(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "passkeys/register")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<PasskeyRegisterRequest, SessionStepResult<PasskeyRegisteredResponse>>(
            request, SessionPipeline.AnyStage,
            (session, body) => registration.RegisterAsync(session, body, DeviceName.From(request), ClientIp.From(request), cancellationToken),
            result => pipeline.Step(request, result, StatusCodes.Status201Created),
            cancellationToken);

    /// <summary><c>GET /api/passkeys</c>: the account's passkeys.</summary>
    [Function(nameof(PasskeyList))]
    public Task<IActionResult> PasskeyList(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "passkeys")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(request, SessionPipeline.FullOnly, session => registration.ListAsync(session, cancellationToken), list => new OkObjectResult(list), cancellationToken);

    /// <summary><c>PATCH /api/passkeys/{id}</c>: renames a passkey.</summary>
    [Function(nameof(PasskeyRename))]
    public Task<IActionResult> PasskeyRename(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "passkeys/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<PasskeyRenameRequest, PasskeyView>(
            request, SessionPipeline.FullOnly,
            (session, body) => registration.RenameAsync(session, id, body.Name!, ClientIp.From(request), cancellationToken),
            view => new OkObjectResult(view),
            cancellationToken);

    /// <summary><c>DELETE /api/passkeys/{id}</c>: removes a passkey after a step-up; never the last method.</summary>
    [Function(nameof(PasskeyRemove))]
    public Task<IActionResult> PasskeyRemove(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "passkeys/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(request, SessionPipeline.FullOnly, session => removal.RemoveAsync(session, factor, id, ClientIp.From(request), cancellationToken), _ => new NoContentResult(), cancellationToken);

    /// <summary><c>POST /api/mfa/passkey/options</c>: options naming the account's passkeys, for the second factor or a step-up.</summary>
    [Function(nameof(PasskeySecondFactorOptions))]
    public Task<IActionResult> PasskeySecondFactorOptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/passkey/options")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(request, SessionPipeline.AnyStage, session => assertions.OptionsAsync(session, cancellationToken), Json, cancellationToken);

    /// <summary>200 with options JSON as the ceremony made it.</summary>
    public static IActionResult Json(string json) => new ContentResult { Content = json, ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}

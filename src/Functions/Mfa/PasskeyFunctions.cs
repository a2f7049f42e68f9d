using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passkeys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary>The passkey routes: add one (or set one up), list, rename and remove them, use one as the second factor or to sign in alone.</summary>
public sealed class PasskeyFunctions(
    SessionPipeline pipeline,
    SessionService sessions,
    PasskeyRegistrationService registration,
    PasskeyAssertionService assertions,
    PasskeySignInService signIn)
{
    /// <summary>The short-lived cookie that binds a passwordless sign-in's challenge to the browser that asked for it.</summary>
    public const string ChallengeCookie = "__Host-passkey_challenge";

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
            result =>
            {
                if (result.Cookie is { } cookie)
                {
                    sessions.WriteCookie(request.HttpContext.Response, cookie);
                }

                return new ObjectResult(result.Response) { StatusCode = StatusCodes.Status201Created };
            },
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
        => pipeline.HandleAsync(request, SessionPipeline.FullOnly, session => registration.RemoveAsync(session, id, ClientIp.From(request), cancellationToken), _ => new NoContentResult(), cancellationToken);

    /// <summary><c>POST /api/mfa/passkey/options</c>: options naming the account's passkeys, for the second factor or a step-up.</summary>
    [Function(nameof(PasskeySecondFactorOptions))]
    public Task<IActionResult> PasskeySecondFactorOptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mfa/passkey/options")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync(request, SessionPipeline.AnyStage, session => assertions.OptionsAsync(session, cancellationToken), Json, cancellationToken);

    /// <summary><c>POST /api/auth/passkey/options</c>: passwordless sign-in options (no credential list), bound to a 5-minute HttpOnly cookie.</summary>
    [Function(nameof(PasskeySignInOptions))]
    public async Task<IActionResult> PasskeySignInOptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/passkey/options")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (json, token) = await signIn.OptionsAsync(cancellationToken);
        request.HttpContext.Response.Cookies.Append(ChallengeCookie, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = TimeSpan.FromMinutes(5),
            IsEssential = true,
        });
        return Json(json);
    }

    /// <summary><c>POST /api/auth/passkey</c>: a passkey alone signs in (user verification is the second factor).</summary>
    [Function(nameof(PasskeySignIn))]
    public Task<IActionResult> PasskeySignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/passkey")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Cookies[ChallengeCookie];
        return pipeline.StartAsync<PasskeyAssertionRequest, PasskeySignInResponse>(
            request,
            async body =>
            {
                request.HttpContext.Response.Cookies.Delete(ChallengeCookie, new CookieOptions { Secure = true, SameSite = SameSiteMode.Strict, Path = "/", HttpOnly = true });
                return await signIn.SignInAsync(token, body, DeviceName.From(request), ClientIp.From(request), cancellationToken);
            },
            cancellationToken);
    }

    private static IActionResult Json(string json) => new ContentResult { Content = json, ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}

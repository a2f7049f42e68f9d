using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.SignIn.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.SignIn;

/// <summary>Signing in with a passkey alone: the options (bound to this browser by a short-lived cookie), then the answer.</summary>
public sealed class PasskeySignInFunctions(SessionPipeline pipeline, PasskeySignInService signIn, SignInThrottle throttle)
{
    /// <summary>The short-lived cookie that binds a passwordless sign-in's challenge to the browser that asked for it.</summary>
    public const string ChallengeCookie = "__Host-passkey_challenge";

    /// <summary>
    /// <c>POST /api/auth/passkey/options</c>: passwordless sign-in options (no credential list), bound to an HttpOnly cookie that lives as
    /// long as they do (5 minutes). No body is needed; from an address under attack (AB6), a body <c>{altcha}</c> with a solved challenge is.
    /// </summary>
    [Function(nameof(PasskeySignInOptions))]
    public async Task<IActionResult> PasskeySignInOptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/passkey/options")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        string? altcha = null;
        if (request.ContentLength > 0 || request.ContentType is not null)
        {
            var body = await JsonBody.ReadAsync<ChallengeAnswer>(request, cancellationToken);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            altcha = body.Value!.Altcha;
        }

        if (await throttle.RequireChallengeAsync(ClientIp.From(request), SignInThrottle.PasskeyAction, altcha, cancellationToken) is { } challenge)
        {
            return ErrorCatalog.ToResult(challenge, request.HttpContext.Response);
        }

        var (json, token, lifetime) = await signIn.OptionsAsync(cancellationToken);
        request.HttpContext.Response.Cookies.Append(ChallengeCookie, token, PortalCookies.Options(lifetime));
        return PasskeyFunctions.Json(json);
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
                request.HttpContext.Response.Cookies.Delete(ChallengeCookie, PortalCookies.Options());
                return await signIn.SignInAsync(token, body, DeviceName.From(request), ClientIp.From(request), cancellationToken);
            },
            cancellationToken);
    }
}

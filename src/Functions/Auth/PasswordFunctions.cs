using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Auth;

/// <summary>
/// The routes customers use to look after their password: a forgotten one by emailed link, and a change when signed in.
/// <c>me/password</c> lives here, not in <c>Me</c>, because the password rules (hasher, policy, lock) are Auth's and the
/// feature folders do not use each other.
/// </summary>
public sealed class PasswordFunctions(SessionPipeline pipeline, PasswordResetService reset, PasswordChangeService change)
{
    /// <summary><c>POST /api/auth/password-reset</c>: 202 whatever the email; an activated account is emailed a link.</summary>
    [Function(nameof(PasswordReset))]
    public async Task<IActionResult> PasswordReset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password-reset")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<PasswordResetRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        return SessionPipeline.Accepted(await reset.RequestAsync(body.Value!, ClientIp.From(request), cancellationToken));
    }

    /// <summary><c>POST /api/auth/password-reset/confirm</c>: the new password from the link; a pending session, as after sign-in.</summary>
    [Function(nameof(PasswordResetConfirm))]
    public Task<IActionResult> PasswordResetConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password-reset/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.StartAsync<PasswordResetConfirmRequest, SignInResponse>(request, body => reset.ConfirmAsync(body, ClientIp.From(request), DeviceName.From(request), cancellationToken), cancellationToken);

    /// <summary><c>POST /api/me/password</c>: a signed-in customer's new password; 204.</summary>
    [Function(nameof(ChangePassword))]
    public Task<IActionResult> ChangePassword(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/password")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.HandleAsync<ChangePasswordRequest, bool>(
            request,
            SessionPipeline.FullOnly,
            (session, body) => change.ChangeAsync(session, body, ClientIp.From(request), cancellationToken),
            _ => new NoContentResult(),
            cancellationToken);
}

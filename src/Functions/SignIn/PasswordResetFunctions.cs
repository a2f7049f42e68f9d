using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.SignIn;

/// <summary>The forgotten-password routes: a link by email, and the new password it lets the customer choose.</summary>
public sealed class PasswordResetFunctions(SessionPipeline pipeline, PasswordResetService reset)
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

        var outcome = await reset.RequestAsync(body.Value!, ClientIp.From(request), cancellationToken);
        return ErrorCatalog.Map(outcome, request, SessionPipeline.Accepted);
    }

    /// <summary><c>POST /api/auth/password-reset/check</c>: 204 while the link can still set a password; it uses nothing up.</summary>
    [Function(nameof(PasswordResetCheck))]
    public async Task<IActionResult> PasswordResetCheck(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password-reset/check")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<PasswordResetCheckRequest>(request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var outcome = await reset.CheckAsync(body.Value!, cancellationToken);
        return ErrorCatalog.Map(outcome, request, _ => new NoContentResult());
    }

    /// <summary><c>POST /api/auth/password-reset/confirm</c>: the new password from the link; a pending session, as after sign-in.</summary>
    [Function(nameof(PasswordResetConfirm))]
    public Task<IActionResult> PasswordResetConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password-reset/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => pipeline.StartAsync<PasswordResetConfirmRequest, SignInResponse>(request, body => reset.ConfirmAsync(body, ClientIp.From(request), DeviceName.From(request), cancellationToken), cancellationToken);
}

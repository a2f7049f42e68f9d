using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Me;

/// <summary><c>POST /api/me/password</c>: a signed-in customer's new password; 204.</summary>
public sealed class PasswordFunction(SessionPipeline pipeline, PasswordChangeService change)
{
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

/// <summary>Body of <c>POST /api/me/password</c>.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        PasswordField.Validate(errors, CurrentPassword, "currentPassword");
        PasswordField.Validate(errors, NewPassword, "newPassword");
    }
}

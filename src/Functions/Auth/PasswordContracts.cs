using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Auth;

/// <summary>Body of <c>POST /api/auth/password-reset</c>.</summary>
public sealed record PasswordResetRequest(string? Email) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.RequireText("email", Email, 254);
}

/// <summary>
/// Answer of <c>POST /api/auth/password-reset</c>, the same whatever the email: whether an account uses it is never said.
/// <paramref name="ExpiresInSeconds"/> is how long a link, if one went, works.
/// </summary>
public sealed record PasswordResetAccepted(int ExpiresInSeconds);

/// <summary>Body of <c>POST /api/auth/password-reset/confirm</c>: the token from the emailed link and the new password.</summary>
public sealed record PasswordResetConfirmRequest(string? Token, string? Password) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("token", Token, 200);
        PasswordField.Validate(errors, Password);
    }
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

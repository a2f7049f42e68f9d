using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;

namespace CustomerPortal.Functions.SignIn;

/// <summary>Body of <c>POST /api/auth/password-reset</c>.</summary>
public sealed record PasswordResetRequest(string? Email) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.RequireText("email", Email, 254);
}

/// <summary>Body of <c>POST /api/auth/password-reset/confirm</c>: the token from the emailed link and the new password.</summary>
public sealed record PasswordResetConfirmRequest(string? Token, string? Password) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("token", Token, 200);
        PasswordField.Validate(errors, Password);
    }
}

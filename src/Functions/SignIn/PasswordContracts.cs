using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SignIn.Throttling;

namespace CustomerPortal.Functions.SignIn;

/// <summary>Body of <c>POST /api/auth/password-reset</c>; <c>altcha</c> is a solved challenge, sent when a <c>challenge_required</c> asked for one.</summary>
public sealed record PasswordResetRequest(string? Email, string? Altcha = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("email", Email, 254);
        ChallengeField.Validate(errors, Altcha);
    }
}

/// <summary>Body of <c>POST /api/auth/password-reset/check</c>: the token from the emailed link, checked when the page opens.</summary>
public sealed record PasswordResetCheckRequest(string? Token) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.RequireText("token", Token, 200);
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

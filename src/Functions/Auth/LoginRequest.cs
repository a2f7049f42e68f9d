using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Auth;

/// <summary>Body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string? Email, string? Password) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("email", Email, 254);
        PasswordField.Validate(errors, Password);
    }
}

using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Auth;

/// <summary>Body of <c>POST /api/auth/activate</c>.</summary>
public sealed record ActivateRequest(string? Token, string? Password) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("token", Token, 200);
        PasswordField.Validate(errors, Password);
    }
}

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

/// <summary>Body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string? Email, string? Password) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("email", Email, 254);
        PasswordField.Validate(errors, Password);
    }
}

/// <summary>Answer of activation and password sign-in: what comes next (<c>mfa-setup</c> or <c>mfa-verify</c>) and the methods set up.</summary>
public sealed record SignInResponse(string Stage, IReadOnlyList<string> Methods, string? PhoneHint);

/// <summary>The shape check of a submitted password: present and not absurdly long (the rules proper are <see cref="PasswordPolicy"/>).</summary>
public static class PasswordField
{
    /// <summary>Longest password read at all; the policy's own limit (128) applies on activation.</summary>
    public const int MaxReadLength = 1024;

    public static void Validate(ValidationErrors errors, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "This field is required.");
        }
        else if (password.Length > MaxReadLength)
        {
            errors.Add("password", "This password is too long.");
        }
    }
}

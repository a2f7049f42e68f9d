using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sessions;

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

/// <summary>Answer of activation, password sign-in and password reset: what comes next (<c>mfa-setup</c> or <c>mfa-verify</c>) and the methods set up.</summary>
public sealed record SignInResponse(string Stage, IReadOnlyList<string> Methods, string? PhoneHint)
{
    /// <summary>The answer for a new pending session of <paramref name="account"/>: verify when it has a second factor, else set one up.</summary>
    public static SignInResponse For(AccountEntity account)
        => new(account.HasMfa ? SessionStages.MfaVerify : SessionStages.MfaSetup, account.Methods, account.SmsPhoneHint);
}

/// <summary>The shape check of a submitted password: present and not absurdly long (the rules proper are <see cref="PasswordPolicy"/>).</summary>
public static class PasswordField
{
    /// <summary>Longest password read at all; the policy's own limit (128) applies on activation.</summary>
    public const int MaxReadLength = 1024;

    public static void Validate(ValidationErrors errors, string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "This field is required.");
        }
        else if (password.Length > MaxReadLength)
        {
            errors.Add(field, "This password is too long.");
        }
        else if (!IsValidText(password))
        {
            // A lone surrogate or another invalid code point cannot be normalised (NFKC) for hashing; refuse it here, as input.
            errors.Add(field, "This password holds characters that are not valid text.");
        }
    }

    private static bool IsValidText(string value)
    {
        try
        {
            value.IsNormalized(System.Text.NormalizationForm.FormKC);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Auth;

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

using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Passwords;

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

using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Checks the shape of submitted codes before any rule sees them, so a typo never costs an attempt.</summary>
public static class CodeFormat
{
    public static bool IsSixDigits(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    public static void RequireSixDigits(ValidationErrors errors, string field, string? code)
    {
        if (!IsSixDigits(code))
        {
            errors.Add(field, "Enter the 6-digit code.");
        }
    }

    public static void RequireRecoveryCode(ValidationErrors errors, string field, string? code)
    {
        if (code is null || code.Length > 20 || RecoveryCodes.Normalize(code).Length != 10)
        {
            errors.Add(field, "Enter a 10-character recovery code.");
        }
    }
}

using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>Checks the shape of a six-digit code before any rule sees it, so a typo never costs an attempt.</summary>
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
}

using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>A passkey's name: the customer's label, at most 64 characters of printable text.</summary>
public static class PasskeyNames
{
    public const int MaxLength = 64;

    public static void Check(ValidationErrors errors, string? name, bool required)
    {
        if (name is null && !required)
        {
            return;
        }

        errors.RequireText("name", name, MaxLength);
    }
}

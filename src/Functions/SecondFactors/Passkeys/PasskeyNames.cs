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

    /// <summary>
    /// The name a passkey gets when the customer gives none: the device it was added on ("Chrome on Windows"), numbered when the
    /// account already has a passkey of that name ("Chrome on Windows (2)"), so the list tells them apart (issue 27 finding 11).
    /// </summary>
    public static string Default(string device, IEnumerable<string> taken)
    {
        var names = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        if (!names.Contains(device))
        {
            return device;
        }

        for (var n = 2; ; n++)
        {
            var numbered = $"{device} ({n})";
            if (!names.Contains(numbered))
            {
                return numbered;
            }
        }
    }
}

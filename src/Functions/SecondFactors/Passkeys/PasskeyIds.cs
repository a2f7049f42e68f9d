namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>The id of a passkey in routes: 43 Base64url characters (<see cref="PasskeyStore.Key"/>); anything else is not one.</summary>
public static class PasskeyIds
{
    public static bool IsWellFormed(string? id)
        => id is { Length: 43 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

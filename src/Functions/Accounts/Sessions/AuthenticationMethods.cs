namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// The authentication method references (RFC 8176, section 2) a session records in <see cref="SessionEntity.Amr"/>, for the
/// <c>amr</c> claim of OpenID Connect: what this session proved, the union across its life.
/// </summary>
public static class AuthenticationMethods
{
    /// <summary>Password-based authentication.</summary>
    public const string Password = "pwd";

    /// <summary>One-time password: an authenticator app's code, or a recovery code.</summary>
    public const string OneTimePassword = "otp";

    /// <summary>Confirmation by SMS: a code texted to the enrolled phone.</summary>
    public const string Sms = "sms";

    /// <summary>Proof of possession of a hardware-secured key: a passkey bound to its device.</summary>
    public const string HardwareKey = "hwk";

    /// <summary>Proof of possession of a software-secured key: a synced passkey (its backup-eligible flag is set).</summary>
    public const string SoftwareKey = "swk";

    /// <summary>User presence and verification (fingerprint, face or PIN on the device): every passkey use here requires it.</summary>
    public const string UserVerification = "user";

    /// <summary>Multiple-factor authentication: a password and a second factor, or a passkey with user verification.</summary>
    public const string MultipleFactors = "mfa";

    // The order values are stored in, so one set is always written the same way.
    private static readonly string[] Order = [Password, Sms, OneTimePassword, HardwareKey, SoftwareKey, UserVerification, MultipleFactors];

    private static readonly string[] SecondFactors = [Sms, OneTimePassword, HardwareKey, SoftwareKey];

    /// <summary>The stored list as values.</summary>
    public static IReadOnlyList<string> Parse(string? stored) => stored?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>
    /// <paramref name="stored"/> with <paramref name="proven"/> added, and <see cref="MultipleFactors"/> when the union holds a
    /// password and a second factor, or a key with user verification; null when nothing was ever proven.
    /// </summary>
    public static string? Union(string? stored, IEnumerable<string> proven)
    {
        var set = new HashSet<string>(Parse(stored), StringComparer.Ordinal);
        set.UnionWith(proven);
        var keys = set.Contains(HardwareKey) || set.Contains(SoftwareKey);
        if ((set.Contains(Password) && SecondFactors.Any(set.Contains)) || (keys && set.Contains(UserVerification)))
        {
            set.Add(MultipleFactors);
        }

        if (set.Count == 0)
        {
            return null;
        }

        return string.Join(',', Order.Where(set.Contains).Concat(set.Except(Order).Order(StringComparer.Ordinal)));
    }
}

using CustomerPortal.Functions.Security;

namespace CustomerPortal.Functions.Accounts.Devices;

/// <summary>
/// The numbers of remembered devices (rules RD1-RD10 in docs/security-rules.md; OWASP Authentication Cheat Sheet,
/// "Slow Down Online Guessing Attacks with Device Cookies").
/// </summary>
public static class DeviceRules
{
    /// <summary>How long a device is remembered, from the code that remembered it (the cookie's Max-Age too): 30 days.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>The most devices an account has remembered at once; remembering another forgets the oldest: 10.</summary>
    public const int MaxPerAccount = 10;

    /// <summary>Consecutive wrong passwords from one remembered device after which it is forgotten: 5.</summary>
    public const int FailuresBeforeForget = 5;

    /// <summary>A device's last-used time is written at most this often: 1 hour.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromHours(1);

    /// <summary>How many characters of the token hash name a device in answers (as session ids do).</summary>
    public const int IdLength = SecureTokens.ShortIdLength;
}

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// The <c>acr</c> values the provider issues and accepts in <c>acr_values</c>, from what the session proved (its RFC 8176
/// <c>amr</c>): <c>phr</c> a passkey (phishing-resistant: bound to the portal's origin), <c>mfa</c> a password and a second
/// factor, <c>pwd</c> a password alone (a remembered device, RD5).
/// </summary>
public static class OidcAuthenticationLevels
{
    public const string PhishingResistant = "phr";
    public const string MultiFactor = "mfa";
    public const string Password = "pwd";

    /// <summary>Strongest first.</summary>
    public static IReadOnlyList<string> All { get; } = [PhishingResistant, MultiFactor, Password];

    /// <summary>The level a set of RFC 8176 methods reaches.</summary>
    public static string From(IReadOnlyCollection<string> amr)
        => amr.Contains("hwk") || amr.Contains("swk") ? PhishingResistant
            : amr.Contains("mfa") ? MultiFactor
            : Password;

    /// <summary>Whether <paramref name="level"/> satisfies a requested value (a stronger level satisfies a weaker one).</summary>
    public static bool Satisfies(string level, string requested)
    {
        var have = IndexOf(level);
        var want = IndexOf(requested);
        return want >= 0 && have >= 0 && have <= want;
    }

    private static int IndexOf(string value)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

using System.Globalization;

namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// The languages the portal speaks (issue 27): the pages' catalogs, and the customer's language on the account row, which the
/// emails and text messages use. An account written before languages were stored has none, and reads as English.
/// </summary>
public static class PortalLanguages
{
    public const string English = "en";
    public const string FrenchCanada = "fr-CA";
    public const string SpanishUnitedStates = "es-US";

    /// <summary>The three, spelled exactly as the pages' catalogs (<c>src/StaticSite/i18n/*.json</c>) are named.</summary>
    public static IReadOnlyList<string> All { get; } = [English, FrenchCanada, SpanishUnitedStates];

    /// <summary>Whether <paramref name="language"/> is one of <see cref="All"/>, spelled exactly so.</summary>
    public static bool IsSupported(string? language) => language is English or FrenchCanada or SpanishUnitedStates;

    /// <summary>The account's language: its stored value, or English for a row that has none (or one no longer spoken).</summary>
    public static string Of(AccountEntity account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return IsSupported(account.Language) ? account.Language! : English;
    }

    /// <summary>The culture that formats dates and numbers in <paramref name="language"/>.</summary>
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(IsSupported(language) ? language : English);
}

using System.Globalization;
using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// Everything the portal's emails say, in one language: a plain C# table per language (<see cref="EnglishEmailWords"/>,
/// <see cref="FrenchEmailWords"/>, <see cref="SpanishEmailWords"/>). Each sentence is written whole for its language, so
/// grammar (agreement, plurals, word order) is the translator's, not glued from parts; an abstract member the compiler checks
/// makes a missing translation a build error, not a runtime fallback. Names follow docs/glossary.md.
/// </summary>
public abstract class EmailWords
{
    public static EmailWords English { get; } = new EnglishEmailWords();
    public static EmailWords French { get; } = new FrenchEmailWords();
    public static EmailWords Spanish { get; } = new SpanishEmailWords();

    /// <summary>The words of <paramref name="language"/> (<see cref="PortalLanguages"/>); English for anything else.</summary>
    public static EmailWords For(string? language) => language switch
    {
        PortalLanguages.FrenchCanada => French,
        PortalLanguages.SpanishUnitedStates => Spanish,
        _ => English,
    };

    /// <summary>The words of the account's language.</summary>
    public static EmailWords For(AccountEntity account) => For(PortalLanguages.Of(account));

    /// <summary>The language tag, as in <c>&lt;html lang&gt;</c>.</summary>
    public abstract string Language { get; }

    /// <summary>The culture that formats dates in this language.</summary>
    public CultureInfo Culture => PortalLanguages.Culture(Language);

    /// <summary>A moment in UTC, as a date and time in this language ("28 November 2026 at 12:00 UTC").</summary>
    public abstract string When(DateTimeOffset at);

    public abstract string Hello(string name);

    public abstract string Signature { get; }

    /// <summary>The subject, what happened, and what to do if it was the customer, for a security email.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="when">When, as <see cref="When"/> wrote it.</param>
    /// <param name="methods">The methods added or removed (<c>sms</c>, <c>totp</c>, <c>passkey</c>); empty when none is known.</param>
    /// <param name="itemName">The added item's own name (a passkey's "Work laptop"), or null.</param>
    /// <param name="deletesAt">When a closed claim's account goes, as <see cref="When"/> wrote it.</param>
    public abstract (string Subject, string Happened, string IfYou) Security(SecurityEmailKind kind, string when, IReadOnlyList<string> methods, string? itemName, string deletesAt);

    /// <summary>Support's enrolment link: the sentence before it (<paramref name="hours"/> null: the lifetime is unknown), its label, the note after it.</summary>
    public abstract string EnrolmentLinkIntro(int? hours);

    public abstract string EnrolmentLinkLabel { get; }

    public abstract string EnrolmentLinkNote { get; }

    /// <summary>The line before the methods still on the account, the line before the link to remove one, and the link's label.</summary>
    public abstract string MethodsLeftIntro { get; }

    public abstract string MethodsLeftRemove { get; }

    public abstract string MethodsLeftLink { get; }

    /// <summary>
    /// The line every security email ends with: how to reach support (phone, email, hours, as configured), with the claim
    /// number. Without phone and email (Development only: start-up refuses it elsewhere) it says only to contact us.
    /// </summary>
    public abstract string IfNotYou(string claimNumber, SupportContact support);

    // The forgotten-password email.
    public abstract string ResetSubject { get; }

    public abstract string ResetAsked(int minutes);

    public abstract string ResetLinkLabel { get; }

    public abstract string ResetOnce { get; }

    public abstract string ResetIgnore { get; }

    // The methods still on an account, one line each (SecondFactors' Describe).
    public abstract string SmsTo(string? phoneHint);

    public abstract string AuthenticatorApp { get; }

    public abstract string PasskeyNamed(string name);

    public abstract string Passkeys(int count);

    public abstract string RecoveryCodesLeft(int count);
}

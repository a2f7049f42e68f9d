using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// What each security email says, in the portal's voice: what happened and when, that nothing is needed if it was the
/// customer, and whom to contact with the claim number if it was not.
/// </summary>
public static class SecurityEmailTexts
{
    /// <summary>The stable name of a kind: the account row's record of when one was last sent, and the email's tag (<c>security-…</c>).</summary>
    public static string Name(SecurityEmailKind kind) => kind switch
    {
        SecurityEmailKind.PasswordChanged => "password-changed",
        SecurityEmailKind.MethodAdded => "method-added",
        SecurityEmailKind.MethodRemoved => "method-removed",
        SecurityEmailKind.RecoveryCodesRegenerated => "recovery-codes-regenerated",
        SecurityEmailKind.RecoveryCodeUsed => "recovery-code-used",
        SecurityEmailKind.PasswordLocked => "password-locked",
        SecurityEmailKind.SecondFactorLocked => "mfa-locked",
        SecurityEmailKind.MfaResetBySupport => "mfa-reset-by-support",
        SecurityEmailKind.UnlockedBySupport => "unlocked-by-support",
        SecurityEmailKind.AccountDeleted => "account-deleted",
        SecurityEmailKind.AccountDeletedAfterClaim => "account-deleted-after-claim",
        SecurityEmailKind.AccountDeletionWarning => "account-deletion-warning",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Where the account page lists the ways to confirm it's you, each with its Remove button.</summary>
    public const string ManageMethodsPath = "/account.html#manage-methods";

    /// <summary>The email of <paramref name="kind"/> for <paramref name="account"/>, in the account's language (<see cref="EmailWords"/>).</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="account">Whom it happened to: address, name, claim number, language.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="method">The method added or removed (<c>sms</c>, <c>totp</c>, <c>passkey</c>, or several joined by commas); otherwise null.</param>
    /// <param name="supportContact">How to reach support, in the account's language (<see cref="SupportContactOptions"/>).</param>
    /// <param name="details">The item's name, the methods still on the account, the kind's own link.</param>
    /// <param name="manageMethods">The account page's methods section, linked under the methods still on the account.</param>
    public static EmailMessage Compose(
        SecurityEmailKind kind, AccountEntity account, DateTimeOffset at, string? method, SupportContact supportContact, SecurityEmailDetails? details = null, Uri? manageMethods = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var words = EmailWords.For(account);
        var methods = (method ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var (subject, happened, ifYou) = words.Security(kind, words.When(at), methods, details?.ItemName, words.When(details?.DeletesAt ?? at));

        var content = new EmailContent(words.Language)
            .Paragraph(words.Hello(account.DisplayName))
            .Paragraph(happened);
        if (details?.Link is { } link)
        {
            // Support's enrolment link: the only way the first setup after a reset can start (rule SD15).
            content.Paragraph(words.EnrolmentLinkIntro(details.LinkLifetime is { } span ? (int)Math.Round(span.TotalHours) : null))
                .Link(words.EnrolmentLinkLabel, link)
                .Paragraph(words.EnrolmentLinkNote);
        }

        content.Paragraph(ifYou);
        if (details?.MethodsLeft is { Count: > 0 } left)
        {
            MethodsLeft(content, words, left, manageMethods);
        }

        return content
            .Paragraph(words.IfNotYou(account.ClaimNumber, supportContact))
            .Paragraph(words.Signature)
            .ToMessage(account.Email, account.DisplayName, subject, "security-" + Name(kind));
    }

    /// <summary>
    /// The ways of signing in still on the account, and where to remove one: the reset and password-changed emails say it, so a
    /// method someone else added (a passkey added through a relayed sign-in) does not outlive the customer's new password.
    /// </summary>
    public static EmailContent MethodsLeft(EmailContent content, EmailWords words, IReadOnlyList<string> methods, Uri? manageMethods)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(words);
        content.Paragraph(words.MethodsLeftIntro).List(methods);
        return manageMethods is null
            ? content
            : content.Paragraph(words.MethodsLeftRemove).Link(words.MethodsLeftLink, manageMethods);
    }

    /// <summary>"28 November 2026 at 12:00 UTC", in English (the audit trail's detail).</summary>
    public static string When(DateTimeOffset at) => EmailWords.English.When(at);
}

using System.Globalization;
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

    /// <summary>The email of <paramref name="kind"/> for <paramref name="account"/>.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="account">Whom it happened to: address, name, claim number.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="method">The method added or removed (<c>sms</c>, <c>totp</c>, <c>passkey</c>, or several joined by commas); otherwise null.</param>
    /// <param name="supportContact">How to reach support (<c>Email:SupportContact</c>).</param>
    /// <param name="details">The item's name, the methods still on the account, the kind's own link.</param>
    /// <param name="manageMethods">The account page's methods section, linked under the methods still on the account.</param>
    public static EmailMessage Compose(
        SecurityEmailKind kind, AccountEntity account, DateTimeOffset at, string? method, string supportContact, SecurityEmailDetails? details = null, Uri? manageMethods = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var when = When(at);
        var named = details?.ItemName is { Length: > 0 } name ? $" It is called \"{name}\"." : "";
        var (subject, happened, ifYou) = kind switch
        {
            SecurityEmailKind.PasswordChanged => (
                "Your Customer Portal password was changed",
                $"The password for your Customer Portal account was changed on {when}.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.MethodAdded => (
                "A new way to confirm it's you was added",
                $"{MethodNames(method)} {Was(method)} added to your Customer Portal account on {when}.{named} It can now be used to confirm it's you when you sign in.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.MethodRemoved => (
                "A way to confirm it's you was removed",
                $"{MethodNames(method)} {Was(method)} removed from your Customer Portal account on {when}. It can no longer be used to sign in.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.RecoveryCodesRegenerated => (
                "You have new recovery codes",
                $"New recovery codes were made for your Customer Portal account on {when}. Your old recovery codes no longer work.",
                "If this was you, keep the new codes somewhere safe."),
            SecurityEmailKind.RecoveryCodeUsed => (
                "A recovery code was used",
                $"A recovery code for your Customer Portal account was used on {when}, to sign in or to confirm it's you. Each recovery code works only once.",
                "If this was you and you have lost your phone, set up a new way to confirm it's you on your account page."),
            SecurityEmailKind.PasswordLocked => (
                "Signing in to your account is paused for a while",
                $"A wrong password was entered for your Customer Portal account several times, so signing in with a password was paused on {when}. Your account is still safe: a password alone never opens it.",
                "If this was you, wait a little and try again, or use \"Forgot your password?\" on the sign-in page."),
            SecurityEmailKind.SecondFactorLocked => (
                "Sign-in codes for your account are paused for a while",
                $"A wrong sign-in code was entered for your Customer Portal account several times, so codes were paused on {when}.",
                "If this was you, wait a little and try again. If it wasn't, someone may know your password: change it as soon as you can."),
            SecurityEmailKind.MfaResetBySupport => (
                "Your sign-in codes were reset by our support team",
                $"At your request, our support team removed every way to confirm it's you from your Customer Portal account on {when}: SMS/Text, Authenticator App, passkeys and your recovery codes no longer work, and you were signed out everywhere.",
                "When you have set up the new way, you get new recovery codes to keep."),
            SecurityEmailKind.UnlockedBySupport => (
                "Our support team unlocked your account",
                $"At your request, our support team ended the pause on signing in to your Customer Portal account on {when}.",
                "If this was you, you can sign in again now."),
            SecurityEmailKind.AccountDeleted => (
                "Your Customer Portal account was deleted",
                $"Your Customer Portal account and what it held (your sign-in methods, devices and sessions) were deleted on {when}. You can no longer sign in with it.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.AccountDeletedAfterClaim => (
                "Your Customer Portal account was deleted",
                $"Your claim closed, so your Customer Portal account and what it held were deleted on {when}, as we told you they would be.",
                "There is nothing you need to do."),
            SecurityEmailKind.AccountDeletionWarning => (
                "Your Customer Portal account will be deleted soon",
                $"Your claim has closed. Your Customer Portal account and what it holds will be deleted on {When(details?.DeletesAt ?? at)}.",
                "Before then you can download your data on your account page. If your claim is still open, contact us."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var content = new EmailContent()
            .Paragraph($"Hello {account.DisplayName},")
            .Paragraph(happened);
        if (details?.Link is { } link)
        {
            // Support's enrolment link: the only way the first setup after a reset can start (rule SD15).
            content.Paragraph($"To set up a new way to confirm it's you, open this link within {Hours(details.LinkLifetime)} and enter your password:")
                .Link("Set up a new way to confirm it's you", link)
                .Paragraph("The link works until a new way is set up with it. Without it (or a password reset link), your password alone cannot set up a new way.");
        }

        content.Paragraph(ifYou);
        if (details?.MethodsLeft is { Count: > 0 } left)
        {
            MethodsLeft(content, left, manageMethods);
        }

        return content
            .Paragraph(IfNotYou(account, supportContact))
            .Paragraph("The Customer Portal team")
            .ToMessage(account.Email, account.DisplayName, subject, "security-" + Name(kind));
    }

    /// <summary>
    /// The ways of signing in still on the account, and where to remove one: the reset and password-changed emails say it, so a
    /// method someone else added (a passkey added through a relayed sign-in) does not outlive the customer's new password.
    /// </summary>
    public static EmailContent MethodsLeft(EmailContent content, IReadOnlyList<string> methods, Uri? manageMethods)
    {
        ArgumentNullException.ThrowIfNull(content);
        content.Paragraph("With your password, these still confirm it's you when you sign in:").List(methods);
        return manageMethods is null
            ? content
            : content.Paragraph("If you don't recognise one, remove it on your account page, under \"Ways to confirm it's you\":").Link("Review how you sign in", manageMethods);
    }

    /// <summary>The line every security email ends with.</summary>
    public static string IfNotYou(AccountEntity account, string supportContact)
        => $"If this wasn't you, contact us with your claim number ({account.ClaimNumber}): {supportContact.Trim().TrimEnd('.')}.";

    /// <summary>"28 November 2026 at 12:00 UTC".</summary>
    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string MethodNames(string? methods)
    {
        var names = (methods ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(MethodName).ToList();
        return names.Count switch
        {
            0 => MethodName(null),
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " and " + Later(names[^1]),
        };
    }

    // The methods' own names keep their capitals (docs/glossary.md); "A passkey" reads "a passkey" after the first.
    private static string Later(string name) => name.StartsWith("A ", StringComparison.Ordinal) ? "a" + name[1..] : name;

    private static string Was(string? methods) => (methods ?? "").Contains(',', StringComparison.Ordinal) ? "were" : "was";

    private static string Hours(TimeSpan? lifetime) => lifetime is { } span ? $"{(int)Math.Round(span.TotalHours)} hours" : "a few days";

    private static string MethodName(string? method) => method switch
    {
        "sms" => "SMS/Text to your phone",
        "totp" => "Authenticator App",
        "passkey" => "A passkey",
        _ => "A way to confirm it's you",
    };
}

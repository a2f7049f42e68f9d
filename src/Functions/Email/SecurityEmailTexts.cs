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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The email of <paramref name="kind"/> for <paramref name="account"/>.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="account">Whom it happened to: address, name, claim number.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="method">The method added or removed (<c>sms</c>, <c>totp</c>, <c>passkey</c>); otherwise null.</param>
    /// <param name="supportContact">How to reach support (<c>Email:SupportContact</c>).</param>
    public static EmailMessage Compose(SecurityEmailKind kind, AccountEntity account, DateTimeOffset at, string? method, string supportContact)
    {
        ArgumentNullException.ThrowIfNull(account);
        var when = When(at);
        var (subject, happened, ifYou) = kind switch
        {
            SecurityEmailKind.PasswordChanged => (
                "Your Customer Portal password was changed",
                $"The password for your Customer Portal account was changed on {when}.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.MethodAdded => (
                "A new way to get sign-in codes was added",
                $"{MethodName(method)} was added to your Customer Portal account on {when}. It can now be used to confirm it's you when you sign in.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.MethodRemoved => (
                "A way to get sign-in codes was removed",
                $"{MethodName(method)} was removed from your Customer Portal account on {when}. It can no longer be used to sign in.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.RecoveryCodesRegenerated => (
                "You have new recovery codes",
                $"New recovery codes were made for your Customer Portal account on {when}. Your old recovery codes no longer work.",
                "If this was you, keep the new codes somewhere safe."),
            SecurityEmailKind.RecoveryCodeUsed => (
                "A recovery code was used",
                $"A recovery code for your Customer Portal account was used on {when}, to sign in or to confirm it's you. Each recovery code works only once.",
                "If this was you and you have lost your phone, set up a new way to get codes on your account page."),
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
                $"At your request, our support team removed every way of getting sign-in codes from your Customer Portal account on {when}: text messages, the authenticator app and your recovery codes no longer work, and you were signed out everywhere.",
                "The next time you sign in with your password, you will set up a new way to get codes, and get new recovery codes to keep."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        return new EmailContent()
            .Paragraph($"Hello {account.DisplayName},")
            .Paragraph(happened)
            .Paragraph(ifYou)
            .Paragraph(IfNotYou(account, supportContact))
            .Paragraph("The Customer Portal team")
            .ToMessage(account.Email, account.DisplayName, subject, "security-" + Name(kind));
    }

    /// <summary>The line every security email ends with.</summary>
    public static string IfNotYou(AccountEntity account, string supportContact)
        => $"If this wasn't you, contact us with your claim number ({account.ClaimNumber}): {supportContact.Trim().TrimEnd('.')}.";

    /// <summary>"28 November 2026 at 12:00 UTC".</summary>
    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string MethodName(string? method) => method switch
    {
        "sms" => "Text messages (SMS) to your phone",
        "totp" => "An authenticator app",
        "passkey" => "A passkey",
        _ => "A way to get sign-in codes",
    };
}

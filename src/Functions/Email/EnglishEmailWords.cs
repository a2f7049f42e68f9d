using System.Globalization;

namespace CustomerPortal.Functions.Email;

/// <summary>The emails' words in English (<c>en</c>).</summary>
public sealed class EnglishEmailWords : EmailWords
{
    public override string Language => "en";

    public override string When(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public override string Hello(string name) => $"Hello {name},";

    public override string Signature => "The Customer Portal team";

    public override (string Subject, string Happened, string IfYou) Security(SecurityEmailKind kind, string when, IReadOnlyList<string> methods, string? itemName, string deletesAt)
    {
        var named = itemName is { Length: > 0 } ? $" It is called \"{itemName}\"." : "";
        var was = methods.Count > 1 ? "were" : "was";
        return kind switch
        {
            SecurityEmailKind.PasswordChanged => (
                "Your Customer Portal password was changed",
                $"The password for your Customer Portal account was changed on {when}.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.MethodAdded => (
                "A new way to confirm it's you was added",
                $"{MethodNames(methods)} {was} added to your Customer Portal account on {when}.{named} It can now be used to confirm it's you when you sign in.",
                "If this was you, there is nothing more to do."),
            SecurityEmailKind.MethodRemoved => (
                "A way to confirm it's you was removed",
                $"{MethodNames(methods)} {was} removed from your Customer Portal account on {when}. It can no longer be used to sign in.",
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
                $"Your claim has closed. Your Customer Portal account and what it holds will be deleted on {deletesAt}.",
                "Before then you can download your data on your account page. If your claim is still open, contact us."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public override string EnrolmentLinkIntro(int? hours)
        => $"To set up a new way to confirm it's you, open this link within {(hours is { } h ? $"{h} hours" : "a few days")} and enter your password:";

    public override string EnrolmentLinkLabel => "Set up a new way to confirm it's you";

    public override string EnrolmentLinkNote => "The link works until a new way is set up with it. Without it (or a password reset link), your password alone cannot set up a new way.";

    public override string MethodsLeftIntro => "With your password, these still confirm it's you when you sign in:";

    public override string MethodsLeftRemove => "If you don't recognise one, remove it on your account page, under \"Ways to confirm it's you\":";

    public override string MethodsLeftLink => "Review how you sign in";

    public override string IfNotYou(string claimNumber, SupportContact support)
    {
        ArgumentNullException.ThrowIfNull(support);
        var hours = support.Hours is { } h ? $" ({h})" : "";
        return (support.Phone, support.Email) switch
        {
            ({ } phone, { } email) => $"If this wasn't you, call us at {phone} or email {email}{hours}, with your claim number ({claimNumber}).",
            ({ } phone, null) => $"If this wasn't you, call us at {phone}{hours}, with your claim number ({claimNumber}).",
            (null, { } email) => $"If this wasn't you, email us at {email}{hours}, with your claim number ({claimNumber}).",
            _ => $"If this wasn't you, contact us with your claim number ({claimNumber}).",
        };
    }

    public override string ResetSubject => "Reset your Customer Portal password";

    public override string ResetAsked(int minutes)
        => $"We received a request to reset the password for your Customer Portal account. To choose a new password, open this link within {minutes} minutes:";

    public override string ResetLinkLabel => "Choose a new password";

    public override string ResetOnce => "The link works once. After you choose a new password, you still confirm it's you with a code from your phone or app, as when you sign in.";

    public override string ResetIgnore => "If you didn't ask for this, you can ignore this email: your password stays the same.";

    public override string SmsTo(string? phoneHint) => $"SMS/Text to {phoneHint}";

    public override string AuthenticatorApp => "Authenticator App";

    public override string PasskeyNamed(string name) => $"A passkey named \"{name}\"";

    public override string Passkeys(int count) => count == 1 ? "1 passkey" : $"{count} passkeys";

    public override string RecoveryCodesLeft(int count) => count == 1 ? "1 unused recovery code" : $"{count} unused recovery codes";

    private static string MethodNames(IReadOnlyList<string> methods)
    {
        var names = methods.Select(MethodName).ToList();
        return names.Count switch
        {
            0 => MethodName(null),
            1 => names[0],

            // The methods' own names keep their capitals (docs/glossary.md); "A passkey" reads "a passkey" after the first.
            _ => string.Join(", ", names[..^1]) + " and " + (names[^1].StartsWith("A ", StringComparison.Ordinal) ? "a" + names[^1][1..] : names[^1]),
        };
    }

    private static string MethodName(string? method) => method switch
    {
        "sms" => "SMS/Text to your phone",
        "totp" => "Authenticator App",
        "passkey" => "A passkey",
        _ => "A way to confirm it's you",
    };
}

using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;

namespace CustomerPortal.Functions.Passwords;

/// <summary>The email with a forgotten-password link, in the portal's voice.</summary>
public static class PasswordResetEmail
{
    public const string Tag = "password-reset";

    public static EmailMessage Compose(AccountEntity account, Uri link, TimeSpan lifetime, string supportContact)
    {
        var minutes = (int)Math.Round(lifetime.TotalMinutes);
        return new EmailContent()
            .Paragraph($"Hello {account.DisplayName},")
            .Paragraph($"We received a request to reset the password for your Customer Portal account. To choose a new password, open this link within {minutes} minutes:")
            .Link("Choose a new password", link)
            .Paragraph("The link works once. After you choose a new password, you still confirm it's you with a code from your phone or app, as when you sign in.")
            .Paragraph("If you didn't ask for this, you can ignore this email: your password stays the same.")
            .Paragraph(SecurityEmailTexts.IfNotYou(account, supportContact))
            .Paragraph("The Customer Portal team")
            .ToMessage(account.Email, account.DisplayName, "Reset your Customer Portal password", Tag);
    }
}

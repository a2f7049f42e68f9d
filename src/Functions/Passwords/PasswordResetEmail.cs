using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;

namespace CustomerPortal.Functions.Passwords;

/// <summary>The email with a forgotten-password link, in the portal's voice.</summary>
public static class PasswordResetEmail
{
    public const string Tag = "password-reset";

    /// <summary>The email with <paramref name="link"/>, listing <paramref name="methods"/> (what still confirms it's you) with a link to remove one.</summary>
    public static EmailMessage Compose(AccountEntity account, Uri link, TimeSpan lifetime, IReadOnlyList<string> methods, Uri manageMethods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var minutes = (int)Math.Round(lifetime.TotalMinutes);
        var content = new EmailContent()
            .Paragraph($"Hello {account.DisplayName},")
            .Paragraph($"We received a request to reset the password for your Customer Portal account. To choose a new password, open this link within {minutes} minutes:")
            .Link("Choose a new password", link)
            .Paragraph("The link works once. After you choose a new password, you still confirm it's you with a code from your phone or app, as when you sign in.")
            .Paragraph("If you didn't ask for this, you can ignore this email: your password stays the same.");
        if (methods.Count > 0)
        {
            SecurityEmailTexts.MethodsLeft(content, methods, manageMethods);
        }

        // One instruction for a request the customer did not make: ignore it (issue 27 finding 10). Nothing changed yet, so the
        // "if this wasn't you, contact us" line of the security emails would only contradict it.
        return content
            .Paragraph("The Customer Portal team")
            .ToMessage(account.Email, account.DisplayName, "Reset your Customer Portal password", Tag);
    }
}

using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;

namespace CustomerPortal.Functions.Passwords;

/// <summary>The email with a forgotten-password link, in the portal's voice and the account's language.</summary>
public static class PasswordResetEmail
{
    public const string Tag = "password-reset";

    /// <summary>The email with <paramref name="link"/>, listing <paramref name="methods"/> (what still confirms it's you) with a link to remove one.</summary>
    public static EmailMessage Compose(AccountEntity account, Uri link, TimeSpan lifetime, IReadOnlyList<string> methods, Uri manageMethods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var words = EmailWords.For(account);
        var content = new EmailContent(words.Language)
            .Paragraph(words.Hello(account.DisplayName))
            .Paragraph(words.ResetAsked((int)Math.Round(lifetime.TotalMinutes)))
            .Link(words.ResetLinkLabel, link)
            .Paragraph(words.ResetOnce)
            .Paragraph(words.ResetIgnore);
        if (methods.Count > 0)
        {
            SecurityEmailTexts.MethodsLeft(content, words, methods, manageMethods);
        }

        // One instruction for a request the customer did not make: ignore it (issue 27 finding 10). Nothing changed yet, so the
        // "if this wasn't you, contact us" line of the security emails would only contradict it.
        return content
            .Paragraph(words.Signature)
            .ToMessage(account.Email, account.DisplayName, words.ResetSubject, Tag);
    }
}

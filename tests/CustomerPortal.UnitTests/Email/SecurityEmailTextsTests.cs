using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;

namespace CustomerPortal.UnitTests.Email;

/// <summary>What the security emails say: each kind in plain text and encoded HTML, ending with whom to contact.</summary>
public sealed class SecurityEmailTextsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 5, 0, TimeSpan.Zero);

    public static TheoryData<SecurityEmailKind> Kinds() => new(Enum.GetValues<SecurityEmailKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compose_EveryKind_SaysWhenAndWhomToContact_InTextAndHtml(SecurityEmailKind kind)
    {
        var message = SecurityEmailTexts.Compose(kind, Account("Alex Morgan"), At, "totp", "call 0800 123 456");

        Assert.Equal("alex@example.com", message.To);
        Assert.False(string.IsNullOrWhiteSpace(message.Subject));
        Assert.Equal("security-" + SecurityEmailTexts.Name(kind), message.Tag);
        Assert.Contains("28 November 2026 at 12:05 UTC", message.Text);
        Assert.Contains("If this wasn't you, contact us with your claim number (CLM-1): call 0800 123 456.", message.Text);
        Assert.Contains("If this wasn&#39;t you, contact us with your claim number (CLM-1): call 0800 123 456.", message.Html);
    }

    [Fact]
    public void Compose_EncodesEveryValueInTheHtml()
    {
        var message = SecurityEmailTexts.Compose(SecurityEmailKind.PasswordChanged, Account("<script>x</script> & \"y\""), At, null, "<a href=\"https://evil.test\">us</a>");

        Assert.DoesNotContain("<script>", message.Html);
        Assert.DoesNotContain("<a href", message.Html);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt; &amp; &quot;y&quot;", message.Html);
        Assert.Contains("Hello <script>x</script> & \"y\",", message.Text);
    }

    [Fact]
    public void Compose_MethodAdded_NamesTheMethod()
    {
        var sms = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex"), At, "sms", "us");
        var totp = SecurityEmailTexts.Compose(SecurityEmailKind.MethodRemoved, Account("Alex"), At, "totp", "us");

        Assert.Contains("SMS/Text to your phone was added", sms.Text);
        Assert.Contains("Authenticator App was removed", totp.Text);
    }

    [Fact]
    public void Compose_TwoMethodsAdded_KeepsTheGlossaryNames()
    {
        var both = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex"), At, "sms,totp", "us");
        var withPasskey = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex"), At, "totp,passkey", "us");

        Assert.Contains("SMS/Text to your phone and Authenticator App were added", both.Text);
        Assert.Contains("Authenticator App and a passkey were added", withPasskey.Text);
        Assert.Equal("A new way to confirm it's you was added", both.Subject);
    }

    [Fact]
    public void Names_AreDistinct()
    {
        var names = Enum.GetValues<SecurityEmailKind>().Select(SecurityEmailTexts.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    private static AccountEntity Account(string displayName) => new()
    {
        PartitionKey = "0123456789abcdef0123456789abcdef",
        Email = "alex@example.com",
        DisplayName = displayName,
        ClaimNumber = "CLM-1",
    };
}

using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;

namespace CustomerPortal.UnitTests.Email;

/// <summary>What the security emails say: each kind in plain text and encoded HTML, ending with whom to contact.</summary>
public sealed class SecurityEmailTextsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 5, 0, TimeSpan.Zero);
    private static readonly SupportContact Support = new("0800 123 456", "help@example.com", "Monday to Friday");

    public static TheoryData<SecurityEmailKind> Kinds() => new(Enum.GetValues<SecurityEmailKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compose_EveryKind_SaysWhenAndWhomToContact_InTextAndHtml(SecurityEmailKind kind)
    {
        var message = SecurityEmailTexts.Compose(kind, Account("Alex Morgan"), At, "totp", Support);

        Assert.Equal("alex@example.com", message.To);
        Assert.False(string.IsNullOrWhiteSpace(message.Subject));
        Assert.Equal("security-" + SecurityEmailTexts.Name(kind), message.Tag);
        Assert.Contains("28 November 2026 at 12:05 UTC", message.Text);
        Assert.Contains("If this wasn't you, call us at 0800 123 456 or email help@example.com (Monday to Friday), with your claim number (CLM-1).", message.Text);
        Assert.Contains("If this wasn&#39;t you, call us at 0800 123 456 or email help@example.com (Monday to Friday), with your claim number (CLM-1).", message.Html);
        Assert.DoesNotContain("contact us with your claim number", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_EncodesEveryValueInTheHtml()
    {
        var message = SecurityEmailTexts.Compose(SecurityEmailKind.PasswordChanged, Account("<script>x</script> & \"y\""), At, null, new SupportContact("<a href=\"https://evil.test\">0800</a>", null, null));

        Assert.DoesNotContain("<script>", message.Html);
        Assert.DoesNotContain("<a href", message.Html);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt; &amp; &quot;y&quot;", message.Html);
        Assert.Contains("Hello <script>x</script> & \"y\",", message.Text);
    }

    [Fact]
    public void Compose_MethodAdded_NamesTheMethod()
    {
        var sms = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex"), At, "sms", Support);
        var totp = SecurityEmailTexts.Compose(SecurityEmailKind.MethodRemoved, Account("Alex"), At, "totp", Support);

        Assert.Contains("SMS/Text to your phone was added", sms.Text);
        Assert.Contains("Authenticator App was removed", totp.Text);
    }

    [Fact]
    public void Compose_TwoMethodsAdded_KeepsTheGlossaryNames()
    {
        var both = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex"), At, "sms,totp", Support);
        var withPasskey = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex"), At, "totp,passkey", Support);

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

    public static TheoryData<SecurityEmailKind, string> KindsInEachTranslation()
    {
        var data = new TheoryData<SecurityEmailKind, string>();
        foreach (var kind in Enum.GetValues<SecurityEmailKind>())
        {
            data.Add(kind, PortalLanguages.FrenchCanada);
            data.Add(kind, PortalLanguages.SpanishUnitedStates);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsInEachTranslation))]
    public void Compose_EveryKind_InTheAccountsLanguage_DatesInItsFormat_AndNoEnglishLeft(SecurityEmailKind kind, string language)
    {
        var details = new SecurityEmailDetails("Ordinateur", ["+1 ••• ••• 0123"], new Uri("https://portal.example.com/enrol"), TimeSpan.FromHours(72), At);
        var english = SecurityEmailTexts.Compose(kind, Account("Alex"), At, "totp", Support, details);

        var message = SecurityEmailTexts.Compose(kind, Account("Alex", language), At, "totp", Support, details);

        Assert.NotEqual(english.Subject, message.Subject);
        Assert.Contains($"<html lang=\"{language}\">", message.Html);
        var (when, hello, claim, team) = language == PortalLanguages.FrenchCanada
            ? ("28 novembre 2026 à 12 h 05 UTC", "Bonjour Alex,", "Si ce n'était pas vous, appelez-nous au 0800 123 456 ou écrivez-nous à help@example.com (Monday to Friday) en indiquant votre numéro de réclamation (CLM-1).", "L'équipe du Portail client")
            : ("28 de noviembre de 2026 a las 12:05 UTC", "Hola, Alex:", "Si no fue usted, llámenos al 0800 123 456 o escríbanos a help@example.com (Monday to Friday) e indique su número de reclamo (CLM-1).", "El equipo del Portal del cliente");
        Assert.Contains(when, message.Text);
        Assert.StartsWith(hello, message.Text, StringComparison.Ordinal);
        Assert.Contains(claim, message.Text);
        Assert.Contains(team, message.Text);

        // The English sentences' words, which a translated email must not fall back to.
        foreach (var englishWord in new[] { " you ", "Your ", "If this", "Customer Portal account", "Hello", " was ", "within" })
        {
            Assert.DoesNotContain(englishWord, message.Text.Replace("(Monday to Friday)", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0800 123 456", null, null, "If this wasn't you, call us at 0800 123 456, with your claim number (CLM-1).")]
    [InlineData(null, "help@example.com", "Monday to Friday", "If this wasn't you, email us at help@example.com (Monday to Friday), with your claim number (CLM-1).")]
    [InlineData(null, null, null, "If this wasn't you, contact us with your claim number (CLM-1).")]
    public void Compose_ClosingLine_SaysOnlyTheConfiguredWaysToReachSupport(string? phone, string? email, string? hours, string line)
    {
        var message = SecurityEmailTexts.Compose(SecurityEmailKind.PasswordChanged, Account("Alex"), At, null, new SupportContact(phone, email, hours));

        Assert.Contains(line, message.Text);
    }

    [Fact]
    public void Compose_AccountWithoutALanguage_IsInEnglish()
    {
        var account = Account("Alex");
        account.Language = null;

        var message = SecurityEmailTexts.Compose(SecurityEmailKind.PasswordChanged, account, At, null, Support);

        Assert.Equal("Your Customer Portal password was changed", message.Subject);
        Assert.Contains("<html lang=\"en\">", message.Html);
    }

    [Fact]
    public void Compose_TwoMethodsAdded_InFrenchAndSpanish_AgreeInNumber()
    {
        var french = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex", PortalLanguages.FrenchCanada), At, "sms,passkey", Support);
        var spanish = SecurityEmailTexts.Compose(SecurityEmailKind.MethodRemoved, Account("Alex", PortalLanguages.SpanishUnitedStates), At, "totp,passkey", Support);

        Assert.Contains("Des moyens de confirmer votre identité ont été ajoutés à votre compte Portail client le 28 novembre 2026 à 12 h 05 UTC\u00A0: SMS/Texto à votre cellulaire et une clé d'accès.", french.Text);
        Assert.Contains("se eliminaron de su cuenta del Portal del cliente estas formas de confirmar su identidad: Aplicación de autenticación y una llave de acceso. Ya no pueden usarse", spanish.Text);
    }

    [Fact]
    public void Compose_AppNamedAfterTheFirstMethod_IsLowercaseInTheSentence()
    {
        var french = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex", PortalLanguages.FrenchCanada), At, "sms,totp", Support);
        var spanish = SecurityEmailTexts.Compose(SecurityEmailKind.MethodAdded, Account("Alex", PortalLanguages.SpanishUnitedStates), At, "sms,totp", Support);

        Assert.Contains("\u00A0: SMS/Texto à votre cellulaire et application d'authentification.", french.Text);
        Assert.Contains(": SMS/Texto a su celular y aplicación de autenticación.", spanish.Text);
    }

    [Theory]
    [InlineData("2026-12-01T01:30:00Z", "fr-CA", "1er décembre 2026 à 1 h 30 UTC")]
    [InlineData("2026-12-02T13:05:00Z", "fr-CA", "2 décembre 2026 à 13 h 05 UTC")]
    [InlineData("2026-12-01T01:30:00Z", "es-US", "1 de diciembre de 2026 a la 01:30 UTC")]
    [InlineData("2026-12-02T13:05:00Z", "es-US", "2 de diciembre de 2026 a las 13:05 UTC")]
    public void When_FirstOfTheMonthAndOneOClock_ReadAsEachLanguageWritesThem(string at, string language, string expected)
    {
        Assert.Equal(expected, EmailWords.For(language).When(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static AccountEntity Account(string displayName, string? language = null) => new()
    {
        PartitionKey = "0123456789abcdef0123456789abcdef",
        Email = "alex@example.com",
        DisplayName = displayName,
        ClaimNumber = "CLM-1",
        Language = language,
    };
}

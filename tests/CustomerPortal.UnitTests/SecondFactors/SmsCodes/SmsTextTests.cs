using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.SecondFactors.SmsCodes;
using CustomerPortal.Functions.Sms;

namespace CustomerPortal.UnitTests.SecondFactors.SmsCodes;

/// <summary>The verification text in each language: the Web OTP line last, and at most two SMS segments with a long host.</summary>
public sealed class SmsTextTests
{
    // A long, realistic portal host, the code with the most digits and a two-digit lifetime: the longest text there is.
    private static readonly Uri LongOrigin = new("https://portal.claims-portal.example.com");
    private const string Code = "999999";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static TheoryData<string?> Languages() => new([null, .. PortalLanguages.All]);

    [Theory]
    [MemberData(nameof(Languages))]
    public void ForCode_EveryLanguage_FitsInTwoSegments_WithTheWebOtpLineLast(string? language)
    {
        var text = SmsText.ForCode(Code, LongOrigin, Lifetime, language);

        Assert.InRange(SmsSegments.Count(text), 1, 2);
        Assert.EndsWith("\n\n@portal.claims-portal.example.com #999999", text, StringComparison.Ordinal);
        Assert.Contains($"{Code}.", text, StringComparison.Ordinal);
        Assert.Contains("10", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Your Customer Portal sign-in code is 999999. It expires in 10 minutes.", true)]
    [InlineData("fr-CA", "Votre code de connexion au Portail client est 999999. Il expire dans 10 minutes.", true)]
    [InlineData("es-US", "Código del Portal del cliente: 999999. Vence en 10 minutos.", false)]
    public void ForCode_SpeaksTheAccountsLanguage_InTheAlphabetItNeeds(string language, string opening, bool gsm7)
    {
        var text = SmsText.ForCode(Code, LongOrigin, Lifetime, language);

        Assert.StartsWith(opening, text, StringComparison.Ordinal);
        Assert.Equal(gsm7, SmsSegments.IsGsm7(text));
    }
}

using CustomerPortal.Functions.Sms;

namespace CustomerPortal.UnitTests.Sms;

/// <summary>The SMS segment count of 3GPP TS 23.038: the GSM 7-bit alphabet and its extension table, or UCS-2.</summary>
public sealed class SmsSegmentsTests
{
    [Fact]
    public void BasicAlphabet_HasThe127CharactersOfGsm0338_WithoutTheEscape()
    {
        Assert.Equal(127, SmsSegments.BasicAlphabet.Length);
        Assert.Equal(127, SmsSegments.BasicAlphabet.Distinct().Count());
        Assert.DoesNotContain('\u001B', SmsSegments.BasicAlphabet);
    }

    [Theory]
    [InlineData("é è ù ì ò à É Ç Ñ ñ ü Ä ¿ ¡ ß £ ¥ § Δ", true)]
    [InlineData("Ne le communiquez à personne : nous ne vous le demanderons jamais.", true)]
    [InlineData("ê", false)]
    [InlineData("â", false)]
    [InlineData("î", false)]
    [InlineData("ô", false)]
    [InlineData("û", false)]
    [InlineData("ç", false)]
    [InlineData("á", false)]
    [InlineData("í", false)]
    [InlineData("ó", false)]
    [InlineData("ú", false)]
    [InlineData("«", false)]
    [InlineData("\u00A0", false)]
    [InlineData("’", false)]
    [InlineData("€ [ ] { } ~ | ^ \\", true)]
    public void IsGsm7_FollowsTheGsm0338Tables(string text, bool gsm7)
        => Assert.Equal(gsm7, SmsSegments.IsGsm7(text));

    [Theory]
    [InlineData(160, 'a', 1)]
    [InlineData(161, 'a', 2)]
    [InlineData(306, 'a', 2)]
    [InlineData(307, 'a', 3)]
    [InlineData(160, 'é', 1)]
    [InlineData(80, '€', 1)]
    [InlineData(81, '€', 2)]
    [InlineData(70, 'ó', 1)]
    [InlineData(71, 'ó', 2)]
    [InlineData(134, 'ó', 2)]
    [InlineData(135, 'ó', 3)]
    public void Count_OfKnownLengths(int length, char character, int segments)
        => Assert.Equal(segments, SmsSegments.Count(new string(character, length)));

    [Fact]
    public void Count_OneUcs2Character_SendsTheWholeTextAsUcs2()
    {
        var gsm = new string('a', 100);

        Assert.Equal(1, SmsSegments.Count(gsm));
        Assert.Equal(2, SmsSegments.Count(gsm + "ó"));
    }

    [Fact]
    public void Count_NeverSplitsAnExtensionCharacterBetweenSegments()
    {
        // 306 septets would fit two segments, but the euro's escape and septet cannot straddle the first segment's end.
        var text = new string('a', 152) + "€" + new string('a', 152);

        Assert.Equal(306, SmsSegments.Septets(text));
        Assert.Equal(3, SmsSegments.Count(text));
    }
}

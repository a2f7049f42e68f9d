using CustomerPortal.Functions.Sms;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.Sms;

public sealed class PhoneNumberValidatorTests
{
    private readonly PhoneNumberValidator _validator = new(Options.Create(new SmsOptions { AllowedCountries = " us, CA " }));

    [Theory]
    [InlineData("(201) 555-0123")]
    [InlineData("201-555-0123")]
    [InlineData("2015550123")]
    [InlineData("+1 201 555 0123")]
    public void Parse_UsNumberAsCustomersType_GivesE164(string typed)
    {
        var result = _validator.Parse("US", typed);

        Assert.Equal(new PhoneParseResult(TestPhoneNumbers.UnitedStates, null, null, null), result);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Parse_CanadianNumber_GivesE164()
    {
        Assert.Equal(TestPhoneNumbers.Canada, _validator.Parse("ca", "613-555-0123").E164);
    }

    [Theory]
    [InlineData("FR", "06 12 34 56 78")]
    [InlineData("", "201-555-0123")]
    [InlineData(null, "201-555-0123")]
    [InlineData("XX", "201-555-0123")]
    public void Parse_CountryNotAllowed_IsRefusedOnTheCountryField(string? country, string number)
    {
        var result = _validator.Parse(country, number);

        Assert.Null(result.E164);
        Assert.Equal("country_not_allowed", result.ErrorCode);
        Assert.Equal("country", result.Field);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Theory]
    [InlineData(TestPhoneNumbers.UnitedStatesTollFree)]
    [InlineData("1-888-555-0123")]
    [InlineData(TestPhoneNumbers.UnitedStatesPremiumRate)]
    [InlineData("500-555-0006")]
    public void Parse_TollFreePremiumOrPersonalNumber_IsRefusedAsNotMobile(string number)
    {
        var result = _validator.Parse("US", number);

        Assert.Null(result.E164);
        Assert.Equal("phone_number_not_mobile", result.ErrorCode);
        Assert.Equal("phoneNumber", result.Field);
    }

    [Theory]
    [InlineData("not a number")]
    [InlineData("12345")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("+33 6 12 34 56 78")]
    public void Parse_Garbage_IsRefusedAsInvalid(string? number)
    {
        var result = _validator.Parse("US", number);

        Assert.Equal(new PhoneParseResult(null, "invalid_phone_number", "phoneNumber", result.Message), result);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Parse_CanadianNumberWithCountryUs_IsRefusedAsInvalid()
    {
        var result = _validator.Parse("US", "613-555-0123");

        Assert.Null(result.E164);
        Assert.Equal("invalid_phone_number", result.ErrorCode);
    }

    [Fact]
    public void Countries_AreTheAllowedOnesWithNameAndDialCode()
    {
        Assert.Equal(
            [new Country("US", "United States", "+1"), new Country("CA", "Canada", "+1")],
            _validator.Countries());
    }

    [Theory]
    [InlineData("+12015550100", "+1 ••• ••• 0100")]
    [InlineData(TestPhoneNumbers.Canada, "+1 ••• ••• 0123")]
    [InlineData("+447400123456", "+44 •••• ••3456")]
    public void Hint_ShowsTheCountryCodeAndOnlyTheLastFourDigits(string e164, string expected)
    {
        var hint = PhoneNumberValidator.Hint(e164);

        Assert.Equal(expected, hint);
        var shownDigits = hint[hint.IndexOf(' ', StringComparison.Ordinal)..].Where(char.IsAsciiDigit);
        Assert.Equal(e164[^4..], new string(shownDigits.ToArray()));
    }

    [Theory]
    [InlineData("garbage-0100")]
    [InlineData("12")]
    public void Hint_Unparseable_ShowsNoMoreThanFourDigits(string stored)
    {
        Assert.True(PhoneNumberValidator.Hint(stored).Count(char.IsAsciiDigit) <= 4);
    }
}

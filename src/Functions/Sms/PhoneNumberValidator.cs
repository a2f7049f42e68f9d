using System.Globalization;
using Microsoft.Extensions.Options;
using CustomerPortal.Functions.Http;
using PhoneNumbers;

namespace CustomerPortal.Functions.Sms;

/// <summary>Checks the phone number a customer types for SMS codes and turns it into E.164, using Google's libphonenumber metadata.</summary>
/// <remarks>
/// Only numbers typed as <c>MOBILE</c> or <c>FIXED_LINE_OR_MOBILE</c> are accepted; in the US and Canada every geographic number is
/// the latter, because the numbering plan does not tell mobiles apart. Refused: fixed lines, toll-free, premium-rate, shared-cost,
/// personal (500) numbers, pagers, UAN, voicemail, and VOIP. VOIP is refused on purpose: such numbers are bought in bulk and are the
/// usual tool of SMS-pumping fraud and of account takeover without a SIM, and a customer without a mobile has the authenticator app.
/// </remarks>
public sealed class PhoneNumberValidator
{
    private const string CountryField = "country";
    private const string PhoneNumberField = "phoneNumber";
    private const char Mask = '•';

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private readonly IReadOnlyList<string> _allowed;

    public PhoneNumberValidator(IOptions<SmsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowed = options.Value.AllowedCountryCodes;
    }

    /// <summary>The countries customers may choose, in the configured order.</summary>
    public IReadOnlyList<Country> Countries() =>
        _allowed.Select(code => new Country(code, CountryName(code), $"+{Util.GetCountryCodeForRegion(code)}")).ToList();

    /// <summary>Checks a number typed for a chosen country; the number must belong to that country and be able to receive text messages.</summary>
    public PhoneParseResult Parse(string? country, string? phoneNumber)
    {
        var region = country?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(region) || !_allowed.Contains(region, StringComparer.Ordinal))
        {
            return Failure(ErrorCodes.CountryNotAllowed, CountryField,
                "We can't send text messages to that country. Choose another country, or use an authenticator app instead.");
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(phoneNumber ?? "", region);
        }
        catch (NumberParseException)
        {
            return InvalidNumber();
        }

        if (!Util.IsValidNumberForRegion(number, region))
        {
            return InvalidNumber();
        }

        var type = Util.GetNumberType(number);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return Failure(ErrorCodes.PhoneNumberNotMobile, PhoneNumberField,
                "This number can't receive our text messages. Enter a mobile phone number, or use an authenticator app instead.");
        }

        return new PhoneParseResult(Util.Format(number, PhoneNumberFormat.E164), null, null, null);
    }

    /// <summary>A masked form to show the customer which phone a code went to: the country calling code and the last four digits only.</summary>
    /// <example><c>+12015550100</c> gives <c>+1 ••• ••• 0100</c>; <c>+447400123456</c> gives <c>+44 •••• ••3456</c>.</example>
    public static string Hint(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);

        PhoneNumber number;
        try
        {
            number = Util.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            var digits = new string(e164.Where(char.IsAsciiDigit).ToArray());
            return digits.Length >= 8 ? $"{new string(Mask, 4)} {digits[^4..]}" : new string(Mask, 4);
        }

        // Keep the grouping of the international format ("+1 201-555-0100") so the hint looks like the number the customer knows.
        var countryCode = number.CountryCode.ToString(CultureInfo.InvariantCulture);
        var national = Util.Format(number, PhoneNumberFormat.INTERNATIONAL)[(countryCode.Length + 1)..];
        var totalDigits = national.Count(char.IsAsciiDigit);
        var visibleFrom = totalDigits - 4;
        var seen = 0;
        var masked = new char[national.Length];
        for (var i = 0; i < national.Length; i++)
        {
            var c = national[i];
            masked[i] = char.IsAsciiDigit(c) ? (seen++ < visibleFrom ? Mask : c) : ' ';
        }

        var groups = new string(masked).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return $"+{countryCode} {string.Join(' ', groups)}";
    }

    private static string CountryName(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            // Without ICU data (InvariantGlobalization) a region may be unknown; the code is still better than nothing.
            return code;
        }
    }

    private static PhoneParseResult InvalidNumber() =>
        Failure(ErrorCodes.InvalidPhoneNumber, PhoneNumberField,
            "This doesn't look like a phone number from the country you chose. Check the number, including its area code.");

    private static PhoneParseResult Failure(string code, string field, string message) => new(null, code, field, message);
}

/// <summary>A country customers may pick for their phone number, e.g. <c>("US", "United States", "+1")</c>.</summary>
public sealed record Country(string Code, string Name, string DialCode);

/// <summary>A phone number in E.164 when acceptable, otherwise a stable error code, the form field it concerns and a message for the customer.</summary>
public sealed record PhoneParseResult(string? E164, string? ErrorCode, string? Field, string? Message)
{
    /// <summary>Whether the number can receive codes.</summary>
    public bool IsValid => E164 is not null;
}

namespace CustomerPortal.Functions.Sms;

/// <summary>The stable error codes <see cref="PhoneNumberValidator"/> returns.</summary>
public static class PhoneNumberErrors
{
    /// <summary>Text messages are not sent to the chosen country (field <c>country</c>).</summary>
    public const string CountryNotAllowed = "country_not_allowed";

    /// <summary>Not a phone number of the chosen country (field <c>phoneNumber</c>).</summary>
    public const string InvalidPhoneNumber = "invalid_phone_number";

    /// <summary>A real number, but of a kind that cannot or should not receive codes (field <c>phoneNumber</c>).</summary>
    public const string PhoneNumberNotMobile = "phone_number_not_mobile";
}

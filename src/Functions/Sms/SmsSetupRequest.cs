using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Sms;

/// <summary>Body of <c>POST /api/mfa/sms/setup</c>: the country (ISO code) and the number with its area code.</summary>
public sealed record SmsSetupRequest(string? Country, string? PhoneNumber) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (errors.RequireText("country", Country, 2) && !(Country!.Length == 2 && Country.All(char.IsAsciiLetter)))
        {
            errors.Add("country", "Choose a country.");
        }

        errors.RequireText("phoneNumber", PhoneNumber, 32);
    }
}

namespace CustomerPortal.Functions.Sms;

/// <summary>A phone number in E.164 when acceptable, otherwise a stable error code, the form field it concerns and a message for the customer.</summary>
public sealed record PhoneParseResult(string? E164, string? ErrorCode, string? Field, string? Message)
{
    /// <summary>Whether the number can receive codes.</summary>
    public bool IsValid => E164 is not null;
}

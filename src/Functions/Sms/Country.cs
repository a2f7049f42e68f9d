namespace CustomerPortal.Functions.Sms;

/// <summary>A country customers may pick for their phone number, e.g. <c>("US", "United States", "+1")</c>.</summary>
public sealed record Country(string Code, string Name, string DialCode);

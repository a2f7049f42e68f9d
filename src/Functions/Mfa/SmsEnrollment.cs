namespace CustomerPortal.Functions.Mfa;

/// <summary>An enrolled phone, shown only as a hint such as <c>+1 ••• ••• 0100</c>.</summary>
public sealed record SmsEnrollment(string? PhoneHint);

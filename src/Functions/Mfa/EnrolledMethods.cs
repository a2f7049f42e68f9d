namespace CustomerPortal.Functions.Mfa;

/// <summary>The methods an account has set up; the phone only as a hint.</summary>
public sealed record EnrolledMethods(SmsEnrollment? Sms, bool Totp);

namespace CustomerPortal.Functions.Sms;

/// <summary>Answer when a code was sent: where (as a hint), how long it lives, when another may be asked for.</summary>
public sealed record SmsCodeSentResponse(string PhoneHint, int ExpiresInSeconds, int ResendAfterSeconds);

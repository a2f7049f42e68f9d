namespace CustomerPortal.Functions.Sms;

/// <summary>A text message to one phone number in E.164; <paramref name="Tag"/> names its purpose (e.g. <c>mfa-setup</c>) for delivery reports.</summary>
public sealed record SmsMessage(string To, string Body, string Tag);

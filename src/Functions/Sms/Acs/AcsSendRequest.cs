namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>The body of <c>POST /sms?api-version=2021-03-07</c>.</summary>
public sealed record AcsSendRequest(string From, IReadOnlyList<AcsSmsRecipient> SmsRecipients, string Message, AcsSendOptions SmsSendOptions);

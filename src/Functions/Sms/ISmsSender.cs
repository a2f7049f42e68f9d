namespace CustomerPortal.Functions.Sms;

/// <summary>Sends one text message. Implementations report provider failures as a result, not an exception.</summary>
public interface ISmsSender
{
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

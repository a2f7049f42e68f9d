namespace CustomerPortal.Functions.Sms;

/// <summary>Sends one text message. Implementations report provider failures as a result, not an exception.</summary>
public interface ISmsSender
{
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>A text message to one phone number in E.164; <paramref name="Tag"/> names its purpose (e.g. <c>mfa-setup</c>) for delivery reports.</summary>
public sealed record SmsMessage(string To, string Body, string Tag);

/// <summary>Whether the provider accepted a message; <see cref="FailureReason"/> is a short, non-secret reason when it did not.</summary>
public sealed record SmsSendResult(bool Accepted, string? MessageId = null, string? FailureReason = null)
{
    public static SmsSendResult Success(string? messageId) => new(true, messageId);

    public static SmsSendResult Failure(string reason) => new(false, null, reason);
}

/// <summary>The <see cref="SmsSendResult.FailureReason"/> values a sender reports.</summary>
public static class SmsFailureReasons
{
    /// <summary>The provider refused the message or our request (bad number, bad sender, bad key): retrying will not help.</summary>
    public const string ProviderRejected = "provider_rejected";

    /// <summary>The provider was down, throttling, or unreachable, even after retries: try again later.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>The provider did not answer within the send's time budget; the text may or may not arrive.</summary>
    public const string Timeout = "timeout";
}

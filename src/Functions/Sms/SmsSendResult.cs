namespace CustomerPortal.Functions.Sms;

/// <summary>Whether the provider accepted a message; <see cref="FailureReason"/> is a short, non-secret reason when it did not.</summary>
public sealed record SmsSendResult(bool Accepted, string? MessageId = null, string? FailureReason = null)
{
    public static SmsSendResult Success(string? messageId) => new(true, messageId);

    public static SmsSendResult Failure(string reason) => new(false, null, reason);
}

namespace CustomerPortal.Functions.Sms;

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

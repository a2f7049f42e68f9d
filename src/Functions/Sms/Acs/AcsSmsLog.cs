using CustomerPortal.Functions.Logging;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>The log lines of <see cref="AcsSmsSender"/>. Never the message text or the key; phone numbers masked.</summary>
internal static partial class AcsSmsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "SMS to {To} accepted by ACS as {MessageId} (tag {Tag}, request {RepeatabilityRequestId})")]
    public static partial void Accepted(ILogger logger, [PhoneNumberData] string to, string? messageId, string tag, string repeatabilityRequestId);

    // ACS's error text may quote the number, so it is masked like one.
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "ACS refused the SMS to {To}: recipient status {RecipientStatus}, {ErrorMessage} (request {RepeatabilityRequestId})")]
    public static partial void RecipientFailed(ILogger logger, [PhoneNumberData] string to, int recipientStatus, [PhoneNumberData] string? errorMessage, string repeatabilityRequestId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "ACS rejected the SMS request with HTTP {StatusCode} (request {RepeatabilityRequestId}); check Sms:Acs and Sms:From")]
    public static partial void Rejected(ILogger logger, int statusCode, string repeatabilityRequestId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "ACS is unavailable: HTTP {StatusCode} after retries (request {RepeatabilityRequestId})")]
    public static partial void Unavailable(ILogger logger, int statusCode, string repeatabilityRequestId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "ACS could not be reached (request {RepeatabilityRequestId})")]
    public static partial void Unreachable(ILogger logger, Exception exception, string repeatabilityRequestId);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "ACS did not answer within {TotalTimeoutSeconds} s (request {RepeatabilityRequestId})")]
    public static partial void TimedOut(ILogger logger, int totalTimeoutSeconds, string repeatabilityRequestId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Error, Message = "ACS answered 202 with a body that could not be read (request {RepeatabilityRequestId})")]
    public static partial void UnreadableResponse(ILogger logger, Exception exception, string repeatabilityRequestId);
}

using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Email.Acs;

/// <summary>
/// The log lines of <see cref="AcsEmailSender"/>: the email's tag and operation id only, never an address, a subject,
/// the text or the key. ACS's error text is not logged either, as it may quote the addresses.
/// </summary>
// Numbered like AcsSmsLog (41xx) so one alert rule reads both; email has no per-recipient answer, so 4301 is unused.
internal static partial class AcsEmailLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Email (tag {Tag}) accepted by ACS as operation {OperationId}")]
    public static partial void Accepted(ILogger logger, string tag, string operationId);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error, Message = "ACS rejected the email request (tag {Tag}) with HTTP {StatusCode} (operation {OperationId}); check Email:Acs, Email:From and the domain linked to the resource")]
    public static partial void Rejected(ILogger logger, string tag, int statusCode, string operationId);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "ACS Email is unavailable: HTTP {StatusCode} after retries (tag {Tag}, operation {OperationId})")]
    public static partial void Unavailable(ILogger logger, int statusCode, string tag, string operationId);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "ACS Email could not be reached (tag {Tag}, operation {OperationId})")]
    public static partial void Unreachable(ILogger logger, Exception exception, string tag, string operationId);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Warning, Message = "ACS Email did not answer within {TotalTimeoutSeconds} s (tag {Tag}, operation {OperationId})")]
    public static partial void TimedOut(ILogger logger, int totalTimeoutSeconds, string tag, string operationId);
}

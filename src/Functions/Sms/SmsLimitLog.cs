using CustomerPortal.Functions.Logging;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Sms;

/// <summary>The log lines of <see cref="SmsSendLimiter"/>; phone numbers masked, never in the budget lines.</summary>
internal static partial class SmsLimitLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "SMS to {To} for account {AccountId} refused by the {Scope} limit of {Limit}; retry after {RetryAfter}")]
    public static partial void Refused(ILogger logger, [PhoneNumberData] string to, string accountId, string scope, int limit, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "The daily SMS budget of {DailyBudget} is spent for {Day}; no more texts until midnight UTC. Check for SMS pumping, or raise Sms:DailyBudget")]
    public static partial void BudgetReached(ILogger logger, int dailyBudget, string day);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "SMS refused for account {AccountId}: the daily SMS budget of {DailyBudget} is spent")]
    public static partial void BudgetRefused(ILogger logger, string accountId, int dailyBudget);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Could not give back the {Scope} SMS count of a refused send; that limit stays one lower for this window")]
    public static partial void RefundFailed(ILogger logger, string scope);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "The {Limit} per-IP limit was skipped for account {AccountId}: no client address to count ({Reason}); the per-phone and per-account limits still apply")]
    public static partial void IpLimitSkipped(ILogger logger, string limit, string reason, string accountId);
}

using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Sms;

/// <summary>The SMS-pumping limits: per phone, per account, per client IP and a global daily budget, counted in storage.</summary>
public interface ISmsSendLimiter
{
    Task<SmsLimitDecision> TryAcquireAsync(string phoneE164, string accountId, string? clientIp, CancellationToken ct);
}

/// <summary>
/// Whether a text may be sent now. When not, <paramref name="Code"/> is <see cref="ErrorCodes.SmsRateLimited"/> or
/// <see cref="ErrorCodes.SmsBudgetExhausted"/> and <paramref name="RetryAfter"/> is how long until the window that refused it ends.
/// </summary>
public sealed record SmsLimitDecision(bool Allowed, string? Code, TimeSpan RetryAfter)
{
    public static SmsLimitDecision Allow { get; } = new(true, null, TimeSpan.Zero);

    public static SmsLimitDecision Refuse(string code, TimeSpan retryAfter) => new(false, code, retryAfter);
}

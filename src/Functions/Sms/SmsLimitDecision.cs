namespace CustomerPortal.Functions.Sms;

/// <summary>
/// Whether a text may be sent now. When not, <paramref name="Code"/> is <see cref="RateLimited"/> or
/// <see cref="BudgetExhausted"/> and <paramref name="RetryAfter"/> is how long until the window that refused it ends.
/// </summary>
public sealed record SmsLimitDecision(bool Allowed, string? Code, TimeSpan RetryAfter)
{
    /// <summary>The phone number, the account or the client IP has had its share for now (HTTP 429).</summary>
    public const string RateLimited = "sms_rate_limited";

    /// <summary>The service's daily SMS budget is spent (HTTP 503: it is not the customer's doing).</summary>
    public const string BudgetExhausted = "sms_budget_exhausted";

    public static SmsLimitDecision Allow { get; } = new(true, null, TimeSpan.Zero);

    public static SmsLimitDecision Refuse(string code, TimeSpan retryAfter) => new(false, code, retryAfter);
}

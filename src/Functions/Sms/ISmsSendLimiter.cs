namespace CustomerPortal.Functions.Sms;

/// <summary>The SMS-pumping limits: per phone, per account, per client IP and a global daily budget, counted in storage.</summary>
public interface ISmsSendLimiter
{
    Task<SmsLimitDecision> TryAcquireAsync(string phoneE164, string accountId, string? clientIp, CancellationToken ct);
}

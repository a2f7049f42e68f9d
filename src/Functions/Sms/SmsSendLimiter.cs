using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Sms;

/// <summary>
/// Decides whether one more verification text may go out, against four limits: per phone number per
/// hour, per account per day, per client IP per hour, and the service's daily budget.
/// </summary>
/// <remarks>
/// Each limit is a counter taken one at a time, most specific first and the global budget last.
/// When a limit refuses, the counters already taken are given back, so a refused send consumes
/// nothing and, above all, never the shared budget. Between the take and the give-back a parallel
/// request may see a count one too high and be refused: the error is always on the side of refusing.
/// </remarks>
public sealed class SmsSendLimiter(
    CounterStore counters, ClientAddresses addresses, IOptions<SmsOptions> options, TimeProvider time, ILogger<SmsSendLimiter> logger, PortalMetrics metrics) : ISmsSendLimiter
{
    public async Task<SmsLimitDecision> TryAcquireAsync(string phoneE164, string accountId, string? clientIp, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneE164);
        var now = time.GetUtcNow();
        var limits = options.Value;
        var checks = new List<(WindowCounter Key, int Limit)>
        {
            (SmsCounter.Phone(phoneE164, now), limits.MaxSendsPerPhonePerHour),
            (SmsCounter.Account(accountId, now), limits.MaxSendsPerAccountPerDay),
        };
        // No client address to count (a platform hop, or none): the per-IP limit is skipped, never shared by everyone (rule B8).
        var address = addresses.ForLimits(clientIp);
        if (address.Key is { } counted)
        {
            checks.Add((SmsCounter.ClientIp(counted, now), limits.MaxSendsPerClientIpPerHour));
        }
        else
        {
            metrics.IpLimitSkipped("sms", address.SkipReason!);
            SmsLimitLog.IpLimitSkipped(logger, "sms", address.SkipReason!, accountId);
        }

        var global = SmsCounter.Global(now);
        checks.Add((global, limits.DailyBudget));

        var taken = new List<WindowCounter>(checks.Count);
        foreach (var (key, limit) in checks)
        {
            var count = await counters.TryIncrementAsync(key, limit, cancellationToken);
            if (count is null)
            {
                await GiveBackAsync(taken, cancellationToken);
                return Refuse(key, limit, phoneE164, accountId, now);
            }

            taken.Add(key);
            if (key == global)
            {
                metrics.SmsBudget(count.Value, limit);
                if (count == limit)
                {
                    SmsLimitLog.BudgetReached(logger, limit, key.RowKey);
                }
            }
        }

        return SmsLimitDecision.Allow;
    }

    private SmsLimitDecision Refuse(WindowCounter key, int limit, string phoneE164, string accountId, DateTimeOffset now)
    {
        var retryAfter = key.WindowEnd - now;
        metrics.SmsRefused(key.Scope == SmsCounter.GlobalScope ? "daily_budget" : key.Scope + "_limit");
        if (key.Scope == SmsCounter.GlobalScope)
        {
            metrics.SmsBudget(limit, limit);
            SmsLimitLog.BudgetRefused(logger, accountId, limit);
            return SmsLimitDecision.Refuse(ErrorCodes.SmsBudgetExhausted, retryAfter);
        }

        SmsLimitLog.Refused(logger, phoneE164, accountId, key.Scope, limit, retryAfter);
        return SmsLimitDecision.Refuse(ErrorCodes.SmsRateLimited, retryAfter);
    }

    private async Task GiveBackAsync(List<WindowCounter> taken, CancellationToken cancellationToken)
    {
        foreach (var key in taken)
        {
            if (!await counters.TryDecrementAsync(key, cancellationToken))
            {
                SmsLimitLog.RefundFailed(logger, key.Scope);
            }
        }
    }
}

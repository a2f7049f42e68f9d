using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CustomerPortal.Functions.Acs;

/// <summary>
/// The retry pipeline around ACS sends, the same for every channel: a total time budget, retries with jittered
/// exponential backoff on 429, 5xx and timeouts only (honouring <c>Retry-After</c>), and a timeout per attempt.
/// Retrying a send is safe only because each channel's attempts repeat one idempotency id (SMS: the
/// recipient's <c>repeatabilityRequestId</c>; email: the <c>Operation-Id</c> header).
/// </summary>
public static class AcsResilience
{
    /// <summary>The first backoff; later ones double, each jittered so many instances do not retry in step.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(250);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, AcsConnectionOptions acs, TimeProvider time)
    {
        var total = acs.TotalTimeout;
        pipeline
            .AddTimeout(total)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = acs.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !AsksToWaitLongerThan(args.Outcome.Result, total, time)),
            })
            .AddTimeout(acs.AttemptTimeout);
    }

    // A Retry-After past the whole budget cannot be honoured; answering "unavailable" now beats
    // keeping the customer waiting for a timeout.
    private static bool AsksToWaitLongerThan(HttpResponseMessage? response, TimeSpan budget, TimeProvider time)
    {
        var wait = response?.Headers.RetryAfter switch
        {
            RetryConditionHeaderValue { Delta: { } delta } => delta,
            RetryConditionHeaderValue { Date: { } date } => date - time.GetUtcNow(),
            _ => TimeSpan.Zero,
        };
        return wait >= budget;
    }
}

using CustomerPortal.Functions.Passwords;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CustomerPortal.Functions.Hosting;

/// <summary>
/// Registers the breached-password check: the Pwned Passwords range API as a typed HTTP client with a short time budget, in the
/// style of the ACS clients (a total timeout, jittered retries on 429, 5xx and timeouts, a timeout per try).
/// </summary>
public static class BreachedPasswordServiceCollectionExtensions
{
    public static IServiceCollection AddBreachedPasswordCheck(this IServiceCollection services)
    {
        services.AddValidatedOptions<BreachedPasswordOptions>();
        services.AddSingleton<BreachedPasswordCheck>();
        services.AddHttpClient<PwnedPasswordsClient>((provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<BreachedPasswordOptions>>().Value.Endpoint;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("CustomerPortal-SignIn");

                // The resilience pipeline owns the time budget.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("pwned-passwords", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<BreachedPasswordOptions>>().Value;
                pipeline
                    .AddTimeout(settings.TotalTimeout)
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(100),
                        ShouldRetryAfterHeader = false,
                    })
                    .AddTimeout(settings.AttemptTimeout);
            });
        return services;
    }
}

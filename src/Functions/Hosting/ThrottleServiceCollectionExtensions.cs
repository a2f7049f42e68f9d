using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.SignIn.Throttling;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers the sign-in throttle (failed sign-ins per address, range and service) and the proof-of-work challenges it asks for.</summary>
public static class ThrottleServiceCollectionExtensions
{
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        services.AddValidatedOptions<SignInThrottleOptions>();
        services.AddValidatedOptions<ChallengeOptions>();
        services.AddSingleton<AltchaChallenges>();
        services.AddSingleton<ThrottleStore>();
        services.AddSingleton<SpentChallengeStore>();
        services.AddSingleton<SuspectedAddresses>();
        services.AddSingleton<SignInThrottle>();
        return services;
    }
}

using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.SecondFactors.Recovery;
using CustomerPortal.Functions.SecondFactors.SmsCodes;
using CustomerPortal.Functions.SecondFactors.Totp;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers the second factors: the seam's shared rules, and each method (a new method is one more <see cref="AddFactor{T}"/>).</summary>
public static class SecondFactorsServiceCollectionExtensions
{
    public static IServiceCollection AddSecondFactors(this IServiceCollection services)
    {
        services.AddValidatedOptions<MfaOptions>();
        services.AddSingleton<SecondFactorRegistry>();
        services.AddSingleton<SecondFactorAudit>();
        services.AddSingleton<SecondFactorSetup>();
        services.AddSingleton<SecondFactorRemoval>();

        services.AddFactor<SmsFactor>();
        services.AddSingleton<SmsCodeService>();
        services.AddSingleton<SmsSetupService>();

        services.AddFactor<TotpFactor>();
        services.AddSingleton<TotpSetupService>();

        services.AddFactor<PasskeyFactor>();
        services.AddValidatedOptions<PasskeyOptions>();
        services.AddSingleton<PasskeyStore>();
        services.AddSingleton<PasskeyChallengeStore>();
        services.AddSingleton<PasskeyCeremony>();
        services.AddSingleton<PasskeyAssertionService>();
        services.AddSingleton<PasskeyRegistrationService>();

        services.AddFactor<RecoveryFactor>();
        services.AddSingleton<RecoveryCodeService>();
        return services;
    }

    /// <summary>A method: one instance, found by its own type and among every <see cref="ISecondFactor"/>.</summary>
    private static void AddFactor<T>(this IServiceCollection services)
        where T : class, ISecondFactor
    {
        services.AddSingleton<T>();
        services.AddSingleton<ISecondFactor>(provider => provider.GetRequiredService<T>());
    }
}

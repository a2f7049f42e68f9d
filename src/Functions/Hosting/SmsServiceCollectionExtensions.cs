using Azure.Core;
using Azure.Identity;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Sms.Acs;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers the SMS channel: phone numbers, sending (the outbox, or ACS when <c>Sms:Provider</c> is <c>Acs</c>) and the send limits.</summary>
public static class SmsServiceCollectionExtensions
{
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        // Safe to call from both the app and a test host: the second call changes nothing.
        if (services.Any(d => d.ServiceType == typeof(SmsSendLimiter)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<SmsOptions>();
        services.AddSingleton<PhoneNumberValidator>();
        services.TryAddSingleton<CounterStore>();
        services.AddSingleton<SmsSendLimiter>();
        services.AddSingleton<ISmsSendLimiter>(provider => provider.GetRequiredService<SmsSendLimiter>());

        // The sender is chosen here, so a misspelt provider stops the start-up rather than the first text.
        if (SmsOptions.ProviderFrom(configuration) == SmsProvider.Acs)
        {
            AddAcs(services);
        }
        else
        {
            services.AddSingleton<ISmsSender, OutboxSmsSender>();
        }

        return services;
    }

    private static void AddAcs(IServiceCollection services)
    {
        services.AddSingleton(provider => new AcsTokenCache(
            provider.GetService<TokenCredential>() ?? new DefaultAzureCredential(),
            provider.GetRequiredService<TimeProvider>()));

        var client = services.AddHttpClient<ISmsSender, AcsSmsSender>((provider, http) =>
        {
            http.BaseAddress = Acs(provider).ResolvedEndpoint();

            // The resilience pipeline owns the time budget.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler(AcsSmsResilience.PipelineName, (pipeline, context) => AcsSmsResilience.Configure(
            pipeline,
            Acs(context.ServiceProvider),
            context.ServiceProvider.GetRequiredService<TimeProvider>()));

        // Added after the resilience handler, so it runs inside it: every retry is signed afresh.
        client.AddHttpMessageHandler(CreateAuthenticationHandler);
    }

    private static AcsConnectionOptions Acs(IServiceProvider provider) => provider.GetRequiredService<IOptions<SmsOptions>>().Value.Acs;

    private static DelegatingHandler CreateAuthenticationHandler(IServiceProvider provider)
    {
        var acs = Acs(provider);
        var time = provider.GetRequiredService<TimeProvider>();
        return AcsConnectionString.TryParse(acs.ConnectionString, out var parsed)
            ? new AcsHmacSigningHandler(parsed.AccessKey, time)
            : new AcsBearerTokenHandler(provider.GetRequiredService<AcsTokenCache>());
    }
}

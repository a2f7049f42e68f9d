using CustomerPortal.Functions.Http;
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
        services.AddPortalMetrics();
        services.AddValidatedOptions<SmsOptions>();
        services.AddSingleton<PhoneNumberValidator>();
        services.TryAddSingleton<CounterStore>();
        services.TryAddSingleton<ClientAddresses>();
        services.AddSingleton<SmsSendLimiter>();
        services.AddSingleton<ISmsSendLimiter>(provider => provider.GetRequiredService<SmsSendLimiter>());

        // The sender is chosen here, so a misspelt provider stops the start-up rather than the first text.
        if (SmsOptions.ProviderFrom(configuration) == SmsProvider.Acs)
        {
            services.AddAcsHttpClient<ISmsSender, AcsSmsSender>(
                "acs-sms", provider => provider.GetRequiredService<IOptions<SmsOptions>>().Value.Acs);
        }
        else
        {
            services.AddSingleton<ISmsSender, OutboxSmsSender>();
        }

        return services;
    }
}

using Azure.Core;
using Azure.Identity;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Sms.Acs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers SMS sending (the outbox, or ACS when <c>Sms:Provider</c> is <c>Acs</c>) and the SMS send limits.</summary>
public static class SmsServiceCollectionExtensions
{
    public const string ProviderKey = "Sms:Provider";

    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        // Safe to call from both the app and a test host: the second call changes nothing.
        if (services.Any(d => d.ServiceType == typeof(SmsSendLimiter)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SmsLimitOptions>().BindConfiguration(SmsLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmsCounterStore>();
        services.AddSingleton<SmsSendLimiter>();

        if (ReadProvider(configuration) == SmsProvider.Acs)
        {
            AddAcs(services);
        }
        else
        {
            services.AddSingleton<ISmsSender, OutboxSmsSender>();
        }

        return services;
    }

    private static SmsProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return SmsProvider.Outbox;
        }

        return Enum.TryParse<SmsProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderKey} must be Outbox or Acs, not '{value}'.");
    }

    private static void AddAcs(IServiceCollection services)
    {
        // Validated only here, when ACS is the provider: the outbox needs none of these settings.
        services.AddOptions<AcsSmsOptions>().BindConfiguration(AcsSmsOptions.SectionName)
            .Validate(o => o.HasValidFrom(), "Sms:From must be an E.164 number (+18005550100) or an alphanumeric sender id of up to 11 characters.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.Acs.ConnectionString) ? o.Acs.Endpoint is { IsAbsoluteUri: true } : AcsConnectionString.TryParse(o.Acs.ConnectionString, out _),
                "Set Sms:Acs:ConnectionString (endpoint=https://…;accesskey=…) or Sms:Acs:Endpoint (with managed identity).")
            .Validate(o => o.Acs.TotalTimeoutSeconds is >= 1 and <= 60, "Sms:Acs:TotalTimeoutSeconds must be between 1 and 60.")
            .Validate(o => o.Acs.AttemptTimeoutSeconds >= 1 && o.Acs.AttemptTimeoutSeconds <= o.Acs.TotalTimeoutSeconds, "Sms:Acs:AttemptTimeoutSeconds must be between 1 and Sms:Acs:TotalTimeoutSeconds.")
            .Validate(o => o.Acs.MaxRetries is >= 1 and <= 10, "Sms:Acs:MaxRetries must be between 1 and 10.")
            .ValidateOnStart();

        services.AddSingleton(provider => new AcsTokenCache(
            provider.GetService<TokenCredential>() ?? new DefaultAzureCredential(),
            provider.GetRequiredService<TimeProvider>()));

        var client = services.AddHttpClient<ISmsSender, AcsSmsSender>((provider, http) =>
        {
            http.BaseAddress = Endpoint(provider.GetRequiredService<IOptions<AcsSmsOptions>>().Value.Acs);

            // The resilience pipeline owns the time budget.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler(AcsSmsResilience.PipelineName, (pipeline, context) => AcsSmsResilience.Configure(
            pipeline,
            context.ServiceProvider.GetRequiredService<IOptions<AcsSmsOptions>>().Value.Acs,
            context.ServiceProvider.GetRequiredService<TimeProvider>()));

        // Added after the resilience handler, so it runs inside it: every retry is signed afresh.
        client.AddHttpMessageHandler(CreateAuthenticationHandler);
    }

    private static Uri Endpoint(AcsConnectionOptions acs)
    {
        var endpoint = AcsConnectionString.TryParse(acs.ConnectionString, out var parsed) ? parsed.Endpoint : acs.Endpoint!;

        // Relative paths resolve under the endpoint only when its path ends in '/'.
        return endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }

    private static DelegatingHandler CreateAuthenticationHandler(IServiceProvider provider)
    {
        var acs = provider.GetRequiredService<IOptions<AcsSmsOptions>>().Value.Acs;
        var time = provider.GetRequiredService<TimeProvider>();
        return AcsConnectionString.TryParse(acs.ConnectionString, out var parsed)
            ? new AcsHmacSigningHandler(parsed.AccessKey, time)
            : new AcsBearerTokenHandler(provider.GetRequiredService<AcsTokenCache>());
    }
}

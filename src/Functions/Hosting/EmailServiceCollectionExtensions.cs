using CustomerPortal.Functions.Acs;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Email.Acs;
using CustomerPortal.Functions.Events;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers the email channel (the outbox, or ACS Email when <c>Email:Provider</c> is <c>Acs</c>) and the events the same outbox delivers.</summary>
public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IEmailSender)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<EmailOptions>();
        services.AddValidatedOptions<SupportContactOptions>();
        services.AddValidatedOptions<SecurityEmailOptions>();

        // Emails go through the outbox queue (Azure Queue Storage): the request writes, the queue trigger sends (see EmailQueue).
        services.AddOptions<OutboxOptions>().Configure<IConfiguration>(OutboxOptions.Bind);
        services.TryAddSingleton(provider => QueueServiceClientFactory.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>(),
            provider.GetServices<HttpPipelinePolicy>()));
        services.TryAddSingleton<PortalQueues>();
        services.AddSingleton<EmailQueue>();
        services.AddSingleton<EmailDelivery>();
        services.AddSingleton<SecurityEmails>();

        // Events for the insurer's systems go through the same outbox (their own queue) to webhook subscribers (docs/events.md).
        services.AddValidatedOptions<WebhookOptions>();
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<WebhookDelivery>();
        services.AddHttpClient(WebhookDelivery.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        // Runs after binding and before validation, so a missing resource is reported under Email:Acs.
        services.AddOptions<EmailOptions>().PostConfigure<IConfiguration>(UseSmsAcsResourceWhenUnset);

        // The sender is chosen here, so a misspelt provider stops the start-up rather than the first email.
        if (EmailOptions.ProviderFrom(configuration) == EmailProvider.Acs)
        {
            services.AddAcsHttpClient<IEmailSender, AcsEmailSender>(
                "acs-email", provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value.Acs);
        }
        else
        {
            services.AddSingleton<IEmailSender, OutboxEmailSender>();
        }

        return services;
    }

    /// <summary>
    /// One Communication Services resource usually sends both texts and emails: when <c>Email:Acs</c> names no resource,
    /// take the SMS channel's (connection string and endpoint together, never one from each). The time budget stays email's.
    /// </summary>
    private static void UseSmsAcsResourceWhenUnset(EmailOptions email, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(email.Acs.ConnectionString) || !string.IsNullOrEmpty(email.Acs.Endpoint?.OriginalString))
        {
            return;
        }

        var sms = configuration.GetSection($"{SmsOptions.SectionName}:{nameof(SmsOptions.Acs)}").Get<AcsConnectionOptions>() ?? new();
        email.Acs.ConnectionString = sms.ConnectionString;
        email.Acs.Endpoint = sms.Endpoint;
    }
}

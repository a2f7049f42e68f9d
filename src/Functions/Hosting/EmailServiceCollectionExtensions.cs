using CustomerPortal.Functions.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers the email channel: the outbox, or ACS Email when <c>Email:Provider</c> is <c>Acs</c>.</summary>
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
        services.AddValidatedOptions<SecurityEmailOptions>();

        // Emails go from a queue after the request has answered (see EmailQueue); the same instance is the hosted sender.
        services.AddSingleton<EmailQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailQueue>());
        services.AddSingleton<SecurityEmails>();

        // The sender is chosen here, so a misspelt provider stops the start-up rather than the first email.
        if (EmailOptions.ProviderFrom(configuration) == EmailProvider.Acs)
        {
            throw new InvalidOperationException("Email:Provider=Acs is not built yet (issue 11); use Outbox in Development.");
        }

        services.AddSingleton<IEmailSender, OutboxEmailSender>();
        return services;
    }
}

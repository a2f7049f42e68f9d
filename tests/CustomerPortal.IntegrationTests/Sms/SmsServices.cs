using CustomerPortal.Functions.Hosting;
using CustomerPortal.Functions.Logging;
using CustomerPortal.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Sms;

/// <summary>Builds a container the way the app does (<c>AddSms</c> over configuration, redacted logging), for SMS tests.</summary>
internal static class SmsServices
{
    public const string From = "+18005550100";

    public static Dictionary<string, string?> AcsSettings(string connectionString, int totalTimeoutSeconds = 10, int attemptTimeoutSeconds = 4) => new()
    {
        ["Sms:Provider"] = "Acs",
        ["Sms:From"] = From,
        ["Sms:Acs:ConnectionString"] = connectionString,
        ["Sms:Acs:TotalTimeoutSeconds"] = totalTimeoutSeconds.ToString(),
        ["Sms:Acs:AttemptTimeoutSeconds"] = attemptTimeoutSeconds.ToString(),
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings, LogCapture? logs = null, Action<IServiceCollection>? configure = null) =>
        Collection(settings, logs, configure).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

    public static ServiceCollection Collection(IDictionary<string, string?> settings, LogCapture? logs = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddPortalRedaction();
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        configure?.Invoke(services);
        services.AddSms(configuration);
        return services;
    }
}

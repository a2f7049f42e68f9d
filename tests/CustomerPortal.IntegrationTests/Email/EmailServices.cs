using CustomerPortal.Functions.Hosting;
using CustomerPortal.Functions.Logging;
using CustomerPortal.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Email;

/// <summary>Builds a container the way the app does (<c>AddEmail</c> over configuration, redacted logging), for email tests.</summary>
internal static class EmailServices
{
    public const string From = "DoNotReply@portal.example.test";

    public static Dictionary<string, string?> AcsSettings(string connectionString, string totalTimeout = "00:00:10", string attemptTimeout = "00:00:04") => new()
    {
        ["Email:Provider"] = "Acs",
        ["Email:From"] = From,
        ["Email:Acs:ConnectionString"] = connectionString,
        ["Email:Acs:TotalTimeout"] = totalTimeout,
        ["Email:Acs:AttemptTimeout"] = attemptTimeout,
    };

    public static ServiceProvider Build(IDictionary<string, string?> settings, LogCapture? logs = null, Action<IServiceCollection>? configure = null) =>
        Collection(settings, logs, configure).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

    public static ServiceCollection Collection(IDictionary<string, string?> settings, LogCapture? logs = null, Action<IServiceCollection>? configure = null)
    {
        // Every email ends with the support contact, which start-up requires (SupportContactOptions); tests name their own to test it.
        var withContact = new Dictionary<string, string?>(settings);
        withContact.TryAdd("SupportContact:Phone", "+1 800 555 0199");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(withContact).Build();
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
        services.AddEmail(configuration);
        return services;
    }
}

using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CustomerPortal.Functions.Health;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers everything the portal's functions need; shared by the Functions host and the local host.</summary>
public static class PortalServiceCollectionExtensions
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.TableServiceUri is not null, "Set Storage:ConnectionString or Storage:TableServiceUri.")
            .Validate(o => o.TablePrefix.All(char.IsAsciiLetterOrDigit), "Storage:TablePrefix may hold only letters and digits.")
            .ValidateOnStart();

        services.AddSingleton(provider => TableServiceClientFactory.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>(),
            provider.GetServices<HttpPipelinePolicy>()));
        services.AddSingleton<PortalTables>();
        services.AddSingleton<StorageHealthCheck>();
        services.AddSingleton<OriginPolicy>();
        return services;
    }
}

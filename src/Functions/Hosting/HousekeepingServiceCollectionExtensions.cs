using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Housekeeping;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Registers the housekeeping job (its timer function is found by the host) and the retention it applies.</summary>
public static class HousekeepingServiceCollectionExtensions
{
    public static IServiceCollection AddHousekeeping(this IServiceCollection services)
    {
        services.AddPortalMetrics();
        services.AddValidatedOptions<AuditOptions>();
        services.AddValidatedOptions<HousekeepingOptions>();
        services.AddSingleton<ExpiredAccountValues>();
        services.AddSingleton<HousekeepingJob>();
        return services;
    }
}

using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CustomerPortal.Functions.Hosting;

/// <summary>
/// OpenTelemetry for both hosts: the portal's spans and metrics, Table Storage and ACS calls; exported to Application
/// Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to the console when <c>Telemetry:Console</c> is true,
/// and nowhere otherwise. The host adds its own request spans (the worker's invocations, or the local host's ASP.NET Core).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static OpenTelemetryBuilder AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddPortalMetrics();
        services.AddValidatedOptions<TelemetryOptions>();
        PortalTelemetry.EnableAzureSdkSpans();

        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource([.. PortalTelemetry.SourceNames]))
            .WithMetrics(metrics => metrics.AddMeter(PortalMetrics.MeterName));

        if (!string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            // Traces, metrics and logs (with their trace ids) to Application Insights.
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = configuration[ConnectionStringSetting];
                options.Credential = EntraCredential(configuration[AuthenticationStringSetting]);
            });
        }

        var local = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (local.Console)
        {
            // Spans and metric points only: the console logger already writes the logs.
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter());
            telemetry.WithMetrics(metrics => metrics.AddConsoleExporter((_, reader) =>
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)local.ConsoleMetricInterval.TotalMilliseconds));
        }

        return telemetry;
    }

    /// <summary>The portal's metrics (<see cref="PortalMetrics"/>); safe to call more than once.</summary>
    public static IServiceCollection AddPortalMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<PortalMetrics>();
        return services;
    }

    /// <summary>
    /// The credential for Application Insights with local authentication off: <c>Authorization=AAD</c> in the authentication
    /// string (as the Functions host reads it), with the user-assigned identity's <c>ClientId</c> when it names one.
    /// </summary>
    public static TokenCredential? EntraCredential(string? authenticationString)
    {
        var parts = (authenticationString ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}

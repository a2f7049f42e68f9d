using CustomerPortal.Functions.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CustomerPortal.LocalHost;

/// <summary>
/// What the Functions host gives the worker in Azure, for the local host: OpenTelemetry (with ASP.NET Core's request spans
/// in place of the host's invocation spans), the timer functions on their schedules, and the queue functions.
/// </summary>
public static class LocalOperations
{
    /// <summary>The setting that turns the timer functions off (tests that move time or count storage requests). Default: on.</summary>
    public const string RunTimersSetting = "LocalHost:RunTimers";

    /// <summary>The setting that turns the queue functions off (a test that stops the host before its outbox is sent). Default: on.</summary>
    public const string RunQueuesSetting = "LocalHost:RunQueues";

    public static WebApplicationBuilder AddLocalOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalTelemetry(builder.Configuration)
            .ConfigureResource(resource => resource.AddService("customer-portal-local"))
            .WithTracing(tracing => tracing.AddSource("Microsoft.AspNetCore", "CustomerPortal.LocalHost"));

        if (builder.Configuration.GetValue(RunTimersSetting, true))
        {
            builder.Services.AddSingleton<TimerFunctionScheduler>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<TimerFunctionScheduler>());
        }

        if (builder.Configuration.GetValue(RunQueuesSetting, true))
        {
            builder.Services.AddSingleton<QueueFunctionRunner>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<QueueFunctionRunner>());
        }

        return builder;
    }
}

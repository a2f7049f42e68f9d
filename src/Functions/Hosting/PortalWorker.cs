using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Logging;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;

namespace CustomerPortal.Functions.Hosting;

/// <summary>Builds the Azure Functions worker host (what <c>func start</c> and Azure run); a test builds it too.</summary>
public static class PortalWorker
{
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<ExceptionSafetyNetMiddleware>();
        builder.UseMiddleware<OriginCheckMiddleware>();
        builder.Logging.AddPortalRedaction();
        builder.Services.AddPortal(builder.Configuration);
        builder.Services.AddPortalTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();

        // The safety-net and origin middleware write ObjectResult problems themselves; make sure MVC's result executors are there.
        builder.Services.AddMvcCore();
        return builder.Build();
    }
}

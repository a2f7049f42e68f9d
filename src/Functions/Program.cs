using CustomerPortal.Functions.Hosting;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Logging;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExceptionSafetyNetMiddleware>();
builder.UseMiddleware<OriginCheckMiddleware>();
builder.Logging.AddPortalRedaction();
builder.Services.AddPortal(builder.Configuration);
builder.Build().Run();

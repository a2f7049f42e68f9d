using CustomerPortal.Functions.Hosting;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Logging;
using CustomerPortal.Functions.Storage;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;

namespace CustomerPortal.LocalHost;

/// <summary>
/// A development host: serves <c>src/StaticSite</c> at <c>/</c> and dispatches <c>/api/*</c> to the
/// function classes, with the routes, methods and auth levels of <c>functions.metadata</c>.
/// Like <c>func start</c>, it does not enforce function keys unless <c>LocalHost:FunctionKey</c> is set. It is not a production host.
/// </summary>
public static class LocalPortalHost
{
    /// <param name="args">Command-line arguments; they win over every other setting.</param>
    /// <param name="configure">Last changes before the app is built (tests add settings and services here).</param>
    /// <param name="readLocalSettingsFile">False to ignore the developer's <c>local.settings.json</c> (tests).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, bool readLocalSettingsFile = true)
    {
        var root = RepositoryLayout.FindRoot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = root,
            WebRootPath = Path.Combine(root, "src", "StaticSite"),
            EnvironmentName = "Development",
        });

        // local.settings.json first, then environment variables (which win, as app settings do in Azure), then arguments.
        builder.Configuration.Sources.Clear();
        // The outbox queues' names, which the queue triggers read as %OutboxQueue%, %EventsQueue% and %LogoutQueue%: a local.settings.json
        // copied from an older sample lacks them, and the app's own defaults are the ones to use then.
        var queues = new OutboxOptions();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OutboxOptions.QueueSetting] = queues.QueueName,
            [OutboxOptions.EventsQueueSetting] = queues.EventsQueueName,
            [OutboxOptions.LogoutQueueSetting] = queues.LogoutQueueName,
        });
        if (readLocalSettingsFile)
        {
            builder.Configuration.AddInMemoryCollection(LocalSettings.Read(Path.Combine(root, LocalSettings.FileName)));
        }

        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);

        builder.Logging.AddPortalRedaction();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddMvcCore();
        builder.Services.AddPortal(builder.Configuration);
        builder.AddLocalOperations();
        configure?.Invoke(builder);

        var url = builder.Configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>()?.Url ?? new LocalHostOptions().Url;
        builder.WebHost.UseUrls(url);

        // Only the configured address answers (a DNS-rebinding page sends its own Host), unless AllowedHosts is set.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = LocalHostOptions.AllowedHostsFor(url, builder.Configuration[$"{PortalOptions.SectionName}:PublicOrigin"]);
        }

        // As the worker does behind the Functions host: the client address comes from X-Forwarded-For only through trusted hops
        // (loopback, and Portal:TrustedProxies).
        builder.Services.Configure<LocalHostOptions>(builder.Configuration.GetSection(LocalHostOptions.SectionName));
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        var app = builder.Build();

        // OpenIddict registers ASP.NET Core authentication, and a WebApplication then puts UseAuthentication() in front of
        // everything, which would run OpenIddict's handler before the safety net and the functions. The Functions worker has no
        // such middleware: each OIDC function calls the handler itself (Oidc/OidcEngine), so the local host must not either.
        // This key is the one UseAuthentication() sets (AuthAppBuilderExtensions.AuthenticationMiddlewareSetKey).
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        app.UseForwardedHeaders();
        app.UseMiddleware<LocalSafetyNetMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(builder.Environment.WebRootPath) });
        app.UseRouting();
        app.UseMiddleware<LocalFunctionKeyMiddleware>();
        app.UseMiddleware<LocalOriginCheckMiddleware>();
        if (app.Services.GetRequiredService<PortalEnvironment>().IsDevelopment)
        {
            // Support agents' stand-in Entra ID (issue 24): absent unless Development.
            DevelopmentEntraIssuer.Map(app, builder.Configuration["LocalHost:SupportKeyFile"] ?? Path.Combine(root, ".azurite", "support-dev-signing-key.pem"));
        }

        MapFunctions(app);
        return app;
    }

    public static void MapFunctions(WebApplication app)
    {
        var metadataPath = Path.Combine(AppContext.BaseDirectory, FunctionMetadataReader.FileName);
        foreach (var function in FunctionMetadataReader.Read(metadataPath))
        {
            var invoker = FunctionInvoker.Create(function);
            var pattern = "/api/" + function.Route.TrimStart('/');
            var endpoint = function.Methods.Count == 0
                ? app.Map(pattern, invoker.InvokeAsync)
                : app.MapMethods(pattern, function.Methods, invoker.InvokeAsync);
            endpoint.WithDisplayName(function.Name).WithMetadata(new FunctionEndpointMetadata(function.Name, function.AuthLevel));
        }

        // Anything else under /api is a problem+json 404, as unknown routes are in Azure.
        app.Map("/api/{**path}", (HttpContext context) => ProblemWriter.WriteAsync(context, ErrorCatalog.ToResult(new PortalError(ErrorCodes.NotFound))))
            .WithDisplayName("api-not-found");
    }
}

using Microsoft.Extensions.FileProviders;

namespace CustomerPortal.Samples.ClaimsPortal;

/// <summary>
/// The tiny host of the Claims Portal sample, a single page: it serves <c>wwwroot</c>, the browser build of oidc-client-ts
/// from the repository's <c>node_modules</c> (no build step), and <c>/config.json</c> saying where the portal is. Everything
/// else happens in the browser: the page is a public client and keeps no secret.
/// </summary>
public static class ClaimsPortalApp
{
    public const string LibraryFile = "node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var root = RepositoryRoot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var app = builder.Build();
        var site = new PhysicalFileProvider(Path.Combine(root, "samples", "ClaimsPortal", "wwwroot"));
        app.Use(async (context, next) =>
        {
            // The page talks only to itself and to the portal's token, userinfo and discovery endpoints.
            var portal = new Uri(app.Configuration["Portal:Authority"]!).GetLeftPart(UriPartial.Authority);
            context.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; script-src 'self'; connect-src 'self' {portal}; style-src 'self'; base-uri 'none'; frame-ancestors 'none'";
            await next();
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = site });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = site });
        app.MapGet("/lib/oidc-client-ts.js", () => Results.File(Path.Combine(root, LibraryFile), "text/javascript"));
        app.MapGet("/config.json", (IConfiguration configuration) => Results.Json(new
        {
            authority = configuration["Portal:Authority"],
            clientId = configuration["Portal:ClientId"],
        }));
        return app;
    }

    // The sample runs from the repository (dotnet run, or the browser tests): its files and node_modules are found from there.
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && Directory.Exists(Path.Combine(dir.FullName, "samples", "ClaimsPortal")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the Claims Portal sample from the repository (it serves samples/ClaimsPortal/wwwroot and node_modules).");
    }
}

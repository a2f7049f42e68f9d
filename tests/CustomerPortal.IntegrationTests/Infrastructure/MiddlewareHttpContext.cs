using System.Text.Json;
using CustomerPortal.Functions.Http;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>In-memory requests for running a middleware without a server, with what a problem answer needs and a reader for the answer.</summary>
internal static class MiddlewareHttpContext
{
    public const string PortalOrigin = "https://portal.example";

    // Problems are ObjectResults, which need MVC's result executor and formatters, as both hosts register them.
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public static DefaultHttpContext Create(string method, string path, string? origin = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("portal.example");
        context.Request.Path = path;
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    public static OriginPolicy OriginPolicy() => new(Options.Create(new PortalOptions { PublicOrigin = new Uri(PortalOrigin) }));

    public static ILogger<T> LoggerFor<T>(LogCapture logs) => new LoggerFactory([logs]).CreateLogger<T>();

    /// <summary>Asserts the response is a problem+json with this status and code, and returns its body text.</summary>
    public static async Task<string> AssertProblemAsync(HttpContext context, int status, string code)
    {
        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(ErrorCatalog.ContentType, new System.Net.Mime.ContentType(context.Response.ContentType!).MediaType);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.Equal(status, body.RootElement.GetProperty("status").GetInt32());
        return text;
    }
}

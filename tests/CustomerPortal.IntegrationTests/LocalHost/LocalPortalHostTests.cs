using System.Net;
using System.Text.Json;
using CustomerPortal.LocalHost;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.LocalHost;

/// <summary>The local host serves exactly the functions the Worker SDK generated, and the static site.</summary>
public sealed class LocalPortalHostTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task LocalHost_ServesEveryFunctionInMetadata_WithSameRouteMethodsAndAuthLevel_AndNothingElse()
    {
        var expected = ReadWorkerMetadata();
        Assert.NotEmpty(expected);
        await using var host = await PortalTestHost.StartAsync(storage.ConnectionString);

        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && e.DisplayName != "api-not-found")
            .Select(e => (
                Route: e.RoutePattern.RawText!["/api/".Length..],
                Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.OrderBy(m => m).ToArray() ?? [],
                Function: e.Metadata.GetMetadata<FunctionEndpointMetadata>()))
            .ToList();

        Assert.Equal(expected.Count, endpoints.Count);
        foreach (var function in expected)
        {
            var endpoint = Assert.Single(endpoints, e => e.Function?.FunctionName == function.Name);
            Assert.Equal(function.Route, endpoint.Route);
            Assert.Equal(function.Methods, endpoint.Methods);
            Assert.Equal(function.AuthLevel, endpoint.Function!.AuthLevel);
        }
    }

    [Fact]
    public async Task LocalHost_UnknownApiRoute_Returns404Problem()
    {
        await using var host = await PortalTestHost.StartAsync(storage.ConnectionString);
        using var client = host.CreateClient();

        var response = await client.GetAsync("/api/no-such-function");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_found", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task LocalHost_Root_ServesTheStaticSite()
    {
        await using var host = await PortalTestHost.StartAsync(storage.ConnectionString);
        using var client = host.CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    // Reads functions.metadata independently of the host's own reader, so a reader bug cannot hide itself.
    private static List<(string Name, string Route, string[] Methods, string AuthLevel)> ReadWorkerMetadata()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .Select(b => (
                    f.GetProperty("name").GetString()!,
                    b.GetProperty("route").GetString()!,
                    b.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).OrderBy(m => m).ToArray(),
                    b.GetProperty("authLevel").GetString()!)))
            .ToList();
    }
}

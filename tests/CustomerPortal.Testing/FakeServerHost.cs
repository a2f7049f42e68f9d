using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Testing;

/// <summary>The start-up every fake server shares: real Kestrel on a free loopback port, one handler for every request, no logging.</summary>
internal static class FakeServerHost
{
    /// <summary>
    /// Starts a server made by <paramref name="create"/> from its app, answering with <paramref name="handler"/>; returns it and its
    /// base address (<c>http://127.0.0.1:{port}/</c>).
    /// </summary>
    public static async Task<(T Server, Uri BaseAddress)> StartAsync<T>(Func<WebApplication, T> create, Func<T, RequestDelegate> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = create(app);
        app.Run(handler(server));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (server, new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }
}

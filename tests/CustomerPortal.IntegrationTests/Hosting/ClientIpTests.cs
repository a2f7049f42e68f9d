using System.Net;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.IntegrationTests.Hosting;

/// <summary>
/// Security review finding 2, as the worker sees a request: the Functions host connects over loopback, the worker's
/// forwarded-headers step (set up by the ASP.NET Core integration: all headers, no forward limit) runs, then <see cref="ClientIp"/>.
/// </summary>
public sealed class ClientIpTests
{
    [Theory]
    [InlineData("203.0.113.5", "", "203.0.113.5")]
    [InlineData("6.6.6.6, 203.0.113.5", "", "203.0.113.5")]
    [InlineData("6.6.6.6, 7.7.7.7, 203.0.113.5", "", "203.0.113.5")]
    [InlineData("6.6.6.6, 198.51.100.7, 203.0.113.5", "203.0.113.0/24", "198.51.100.7")]
    [InlineData("6.6.6.6, 198.51.100.7, 203.0.113.5", "203.0.113.5, 198.51.100.7", "6.6.6.6")]
    [InlineData("2001:db8::1", "", "2001:db8::1")]
    public async Task ClientIp_AfterTheWorkersForwardedHeadersStep_IsTheLeftmostAddressReachedThroughTrustedHops(string forwardedFor, string trustedProxies, string expected)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Request.Headers["X-Forwarded-For"] = forwardedFor;

        await WorkerForwardedHeaders(trustedProxies).Invoke(http);

        Assert.Equal(expected, ClientIp.From(http.Request));
    }

    [Fact]
    public async Task ClientIp_FromAnUntrustedConnection_IgnoresTheHeader()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        http.Request.Headers["X-Forwarded-For"] = "6.6.6.6";

        await WorkerForwardedHeaders("").Invoke(http);

        Assert.Equal("203.0.113.9", ClientIp.From(http.Request));
    }

    [Fact]
    public void TrustedProxies_NotAnAddress_FailsNamingTheSetting()
    {
        var failure = Assert.Throws<FormatException>(() => TrustedProxySetup.Parse("10.0.0.0/8, proxy.internal"));

        Assert.Contains("Portal:TrustedProxies", failure.Message);
        Assert.Contains("proxy.internal", failure.Message);
    }

    private static ForwardedHeadersMiddleware WorkerForwardedHeaders(string trustedProxies)
    {
        // What Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore configures, then the portal's post-configuration.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All };
        new TrustedProxySetup(Options.Create(new PortalOptions { TrustedProxies = trustedProxies })).PostConfigure(null, options);
        return new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(options));
    }
}

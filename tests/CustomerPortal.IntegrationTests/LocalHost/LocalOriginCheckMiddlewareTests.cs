using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.LocalHost;
using Microsoft.AspNetCore.Http;

namespace CustomerPortal.IntegrationTests.LocalHost;

/// <summary>The local host's origin check refuses as the worker's does, and only on <c>/api</c>.</summary>
public sealed class LocalOriginCheckMiddlewareTests
{
    private bool nextRan;

    [Fact]
    public async Task InvokeAsync_CrossSitePostToApi_Answers403OriginNotAllowed_AndNeverRunsTheFunction()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login", origin: "https://evil.example");

        await Middleware().InvokeAsync(http);

        await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status403Forbidden, "origin_not_allowed");
        Assert.False(nextRan);
    }

    [Fact]
    public async Task InvokeAsync_SameOriginPostToApi_IsPassedOn()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login", origin: MiddlewareHttpContext.PortalOrigin);

        await Middleware().InvokeAsync(http);

        Assert.True(nextRan);
    }

    [Fact]
    public async Task InvokeAsync_CrossSitePostOutsideApi_IsPassedOn()
    {
        var http = MiddlewareHttpContext.Create("POST", "/login.html", origin: "https://evil.example");

        await Middleware().InvokeAsync(http);

        Assert.True(nextRan);
    }

    private LocalOriginCheckMiddleware Middleware() => new(
        _ =>
        {
            nextRan = true;
            return Task.CompletedTask;
        },
        MiddlewareHttpContext.OriginPolicy());
}

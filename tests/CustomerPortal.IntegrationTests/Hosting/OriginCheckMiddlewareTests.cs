using CustomerPortal.Functions.Http;
using CustomerPortal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CustomerPortal.IntegrationTests.Hosting;

/// <summary>The worker's origin check, run as the worker runs it: another site's POST is refused before any function runs.</summary>
public sealed class OriginCheckMiddlewareTests
{
    private readonly OriginCheckMiddleware middleware = new(MiddlewareHttpContext.OriginPolicy());

    private bool functionRan;

    [Fact]
    public async Task Invoke_CrossSitePost_Answers403OriginNotAllowed_AndNeverRunsTheFunction()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login", origin: "https://evil.example");

        await middleware.Invoke(new TestFunctionContext(http, "Login"), Function);

        await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status403Forbidden, "origin_not_allowed");
        Assert.False(functionRan);
    }

    [Fact]
    public async Task Invoke_SameOriginPost_RunsTheFunction()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login", origin: MiddlewareHttpContext.PortalOrigin);

        await middleware.Invoke(new TestFunctionContext(http, "Login"), Function);

        Assert.True(functionRan);
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
    }

    [Fact]
    public async Task Invoke_OriginMatchingARequestHostThatIsNotConfigured_Answers403()
    {
        // A DNS-rebinding page controls Host and Origin alike (security review finding 3).
        var http = MiddlewareHttpContext.Create("POST", "/api/admin/accounts", origin: "http://attacker.test:7091");
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("attacker.test:7091");

        await middleware.Invoke(new TestFunctionContext(http, "CreateAccount"), Function);

        await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status403Forbidden, "origin_not_allowed");
        Assert.False(functionRan);
    }

    [Fact]
    public async Task Invoke_CrossSiteGet_RunsTheFunction()
    {
        var http = MiddlewareHttpContext.Create("GET", "/api/me", origin: "https://evil.example");

        await middleware.Invoke(new TestFunctionContext(http, "Me"), Function);

        Assert.True(functionRan);
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
    }

    private Task Function(Microsoft.Azure.Functions.Worker.FunctionContext context)
    {
        functionRan = true;
        return Task.CompletedTask;
    }
}

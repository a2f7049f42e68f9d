using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.LocalHost;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.LocalHost;

/// <summary>The local host's safety net answers and logs as the worker's does.</summary>
public sealed class LocalSafetyNetMiddlewareTests
{
    private readonly LogCapture logs = new();

    [Fact]
    public async Task InvokeAsync_NextStepThrows_Answers500UnexpectedErrorWithoutTheExceptionText_AndLogsIt()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");
        var failure = new InvalidOperationException("Connection to 127.0.0.1:10002 refused.");

        await Middleware(_ => throw failure).InvokeAsync(http);

        var body = await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status500InternalServerError, "unexpected_error");
        Assert.DoesNotContain("127.0.0.1", body);
        var log = Assert.Single(logs.Logs);
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal(typeof(LocalSafetyNetMiddleware).FullName, log.Category);
        Assert.Contains("/api/auth/login", log.Message, StringComparison.Ordinal);
        Assert.Same(failure, log.Exception);
    }

    [Fact]
    public async Task InvokeAsync_RequestAborted_LetsTheCancellationThroughUnansweredAndUnlogged()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        http.RequestAborted = cancellation.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Middleware(_ => throw new OperationCanceledException(cancellation.Token)).InvokeAsync(http));

        Assert.Equal(0, http.Response.Body.Length);
        Assert.Empty(logs.Logs);
    }

    private LocalSafetyNetMiddleware Middleware(RequestDelegate next) => new(next, MiddlewareHttpContext.LoggerFor<LocalSafetyNetMiddleware>(logs));
}

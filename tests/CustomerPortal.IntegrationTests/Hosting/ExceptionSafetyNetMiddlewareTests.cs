using CustomerPortal.Functions.Http;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Hosting;

/// <summary>The worker's safety net, run as the worker runs it: an unhandled exception becomes a logged 500 with no internal detail.</summary>
public sealed class ExceptionSafetyNetMiddlewareTests
{
    private readonly LogCapture logs = new();

    [Fact]
    public async Task Invoke_FunctionThrows_Answers500UnexpectedErrorWithoutTheExceptionText()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");

        await Middleware().Invoke(new TestFunctionContext(http, "Login"), _ => throw StorageFailure());

        var body = await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status500InternalServerError, "unexpected_error");
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("127.0.0.1", body);
        Assert.DoesNotContain("refused", body);
    }

    [Fact]
    public async Task Invoke_FunctionThrows_LogsAnErrorWithTheExceptionAndTheFunctionName()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");
        var failure = StorageFailure();

        await Middleware().Invoke(new TestFunctionContext(http, "Login"), _ => throw failure);

        var log = Assert.Single(logs.Logs);
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal(typeof(ExceptionSafetyNetMiddleware).FullName, log.Category);
        Assert.Equal("Unhandled exception in function Login", log.Message);
        Assert.Same(failure, log.Exception);
    }

    [Fact]
    public async Task Invoke_TimeoutInsideTheFunction_IsStillA500()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");

        await Middleware().Invoke(new TestFunctionContext(http, "Login"), _ => throw new TaskCanceledException("The request timed out."));

        await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status500InternalServerError, "unexpected_error");
        Assert.Equal(LogLevel.Error, Assert.Single(logs.Logs).Level);
    }

    [Fact]
    public async Task Invoke_InvocationCancelled_LetsTheCancellationThroughUnansweredAndUnlogged()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Middleware().Invoke(
            new TestFunctionContext(http, "Login", cancellation.Token), _ => throw new OperationCanceledException(cancellation.Token)));

        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal(0, http.Response.Body.Length);
        Assert.Empty(logs.Logs);
    }

    [Fact]
    public async Task Invoke_FunctionSucceeds_LeavesItsAnswerAlone()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/logout");

        await Middleware().Invoke(new TestFunctionContext(http, "Logout"), _ =>
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCodes.Status204NoContent, http.Response.StatusCode);
        Assert.Empty(logs.Logs);
    }

    private ExceptionSafetyNetMiddleware Middleware() => new(MiddlewareHttpContext.LoggerFor<ExceptionSafetyNetMiddleware>(logs));

    private static InvalidOperationException StorageFailure() => new("Connection to 127.0.0.1:10002 refused.");
}

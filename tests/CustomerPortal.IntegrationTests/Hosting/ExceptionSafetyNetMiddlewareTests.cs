using Azure;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Hosting;

/// <summary>
/// The worker's safety net, run as the worker runs it: a storage outage becomes a 503 <c>storage_unavailable</c> with
/// <c>Retry-After</c>, any other unhandled exception a logged 500, neither with internal detail.
/// </summary>
public sealed class ExceptionSafetyNetMiddlewareTests
{
    private readonly LogCapture logs = new();

    [Fact]
    public async Task Invoke_FunctionThrows_Answers500UnexpectedErrorWithoutTheExceptionText()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");

        await Middleware().Invoke(new TestFunctionContext(http, "Login"), _ => throw UnexpectedFailure());

        var body = await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status500InternalServerError, "unexpected_error");
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("127.0.0.1", body);
        Assert.DoesNotContain("refused", body);
    }

    [Fact]
    public async Task Invoke_FunctionThrows_LogsAnErrorWithTheExceptionAndTheFunctionName()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");
        var failure = UnexpectedFailure();

        await Middleware().Invoke(new TestFunctionContext(http, "Login"), _ => throw failure);

        var log = Assert.Single(logs.Logs);
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal(typeof(ExceptionSafetyNetMiddleware).FullName, log.Category);
        Assert.Equal("Unhandled exception in function Login", log.Message);
        Assert.Same(failure, log.Exception);
    }

    [Fact]
    public async Task Invoke_TimeoutInsideTheFunction_Answers503StorageUnavailableWithRetryAfter()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");

        await Middleware().Invoke(new TestFunctionContext(http, "Login"), _ => throw new TaskCanceledException("The request timed out."));

        await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status503ServiceUnavailable, "storage_unavailable");
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal(LogLevel.Warning, Assert.Single(logs.Logs).Level);
    }

    [Fact]
    public async Task Invoke_StorageUnreachableAfterItsRetries_Answers503WithRetryAfter_AndLogsAWarningWithoutTheExceptionText()
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");
        http.Response.Headers.SetCookie = "__Host-portal_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT";
        var refused = new RequestFailedException(0, "Connection refused (127.0.0.1:10002)", new HttpRequestException("Connection refused"));
        var tries = new AggregateException("Retry failed after 3 tries.", refused, refused, refused);
        StorageOutage.MarkFromPipeline(tries);

        await Middleware().Invoke(new TestFunctionContext(http, "Login"), _ => throw tries);

        var body = await MiddlewareHttpContext.AssertProblemAsync(http, StatusCodes.Status503ServiceUnavailable, "storage_unavailable");
        Assert.DoesNotContain("127.0.0.1", body);
        Assert.Contains("\"retryAfterSeconds\":5", body, StringComparison.Ordinal);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal(0, http.Response.Headers.SetCookie.Count);
        var log = Assert.Single(logs.Logs);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Equal("Table Storage unavailable in function Login: RequestFailedException (status 0); answered 503", log.Message);
        Assert.Null(log.Exception);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    public async Task Invoke_StorageRefusalThatNoRuleHandled_IsStillA500(int status)
    {
        var http = MiddlewareHttpContext.Create("POST", "/api/auth/login");

        await Middleware().Invoke(new TestFunctionContext(http, "Login"), _ => throw new RequestFailedException(status, "Refused."));

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

    private static InvalidOperationException UnexpectedFailure() => new("Connection to 127.0.0.1:10002 refused.");
}

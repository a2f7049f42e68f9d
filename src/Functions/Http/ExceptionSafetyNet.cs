using CustomerPortal.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// Runs the rest of a request and answers any unhandled exception with no internal detail: a storage outage
/// (<see cref="StorageOutage"/>) as a 503 <c>storage_unavailable</c> with <c>Retry-After</c>, anything else as a logged 500.
/// </summary>
public static partial class ExceptionSafetyNet
{
    /// <param name="context">The request to answer if <paramref name="next"/> throws.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <param name="functionName">What the log line names as the failed function.</param>
    /// <param name="logger">The host's own logger, so the log category says which host caught it.</param>
    /// <param name="cancellation">The request's cancellation; a cancelled request is not an error and is not answered.</param>
    public static async Task RunAsync(HttpContext context, Func<Task> next, string functionName, ILogger logger, CancellationToken cancellation)
    {
        try
        {
            await next();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            // Only the request's own cancellation is let through: a timeout inside a call also throws OperationCanceledException, and that is a storage outage.
            if (StorageOutage.IsOutage(exception, cancellation))
            {
                // Azure.Core reports a failed retry as an AggregateException of its tries; the first try says what went wrong.
                var first = exception is AggregateException { InnerExceptions.Count: > 0 } tries ? tries.InnerExceptions[0] : exception;
                LogStorageUnavailable(logger, functionName, first.GetType().Name, (first as Azure.RequestFailedException)?.Status);
                await ProblemWriter.WriteAsync(context, new PortalError(ErrorCodes.StorageUnavailable, RetryAfter: StorageOutage.RetryAfter));
                return;
            }

            LogUnhandled(logger, exception, functionName);
            await ProblemWriter.WriteAsync(context, new PortalError(ErrorCodes.Unexpected));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in function {FunctionName}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string functionName);

    // The type and status say what failed; the exception's text is left out (it holds storage addresses and row keys).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Table Storage unavailable in function {FunctionName}: {ErrorType} (status {Status}); answered 503")]
    private static partial void LogStorageUnavailable(ILogger logger, string functionName, string errorType, int? status);
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Http;

/// <summary>Runs the rest of a request and turns any unhandled exception into a logged 500 problem with no internal detail.</summary>
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
            // Only the request's own cancellation is let through: a timeout inside a call also throws OperationCanceledException, and that is a real failure.
            LogUnhandled(logger, exception, functionName);
            await ProblemWriter.WriteAsync(context, ErrorCatalog.ToResult(new PortalError(ErrorCodes.Unexpected)));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in function {FunctionName}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string functionName);
}

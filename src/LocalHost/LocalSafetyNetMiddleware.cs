using CustomerPortal.Functions.Http;

namespace CustomerPortal.LocalHost;

/// <summary>The local host's counterpart of the worker's <see cref="ExceptionSafetyNetMiddleware"/>: any exception becomes a 500 problem.</summary>
public sealed partial class LocalSafetyNetMiddleware(RequestDelegate next, ILogger<LocalSafetyNetMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogUnhandled(logger, exception, context.Request.Path);
            await ProblemWriter.WriteAsync(context, ErrorCatalog.ToResult(new PortalError(ErrorCodes.Unexpected)));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}

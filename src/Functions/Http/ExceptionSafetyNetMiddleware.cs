using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Http;

/// <summary>Turns any unhandled exception into a 500 problem with no internal detail, and logs it.</summary>
public sealed partial class ExceptionSafetyNetMiddleware(ILogger<ExceptionSafetyNetMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            LogUnhandled(logger, exception, context.FunctionDefinition.Name);
            var http = context.GetHttpContext();
            if (http is not null)
            {
                await ProblemWriter.WriteAsync(http, ErrorCatalog.ToResult(new PortalError(ErrorCodes.Unexpected)));
            }
            else
            {
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in function {FunctionName}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string functionName);
}

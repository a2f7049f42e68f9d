using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Http;

/// <summary>Runs <see cref="ExceptionSafetyNet"/> around every HTTP function in the worker, and marks every answer <see cref="NoStore"/>.</summary>
public sealed class ExceptionSafetyNetMiddleware(ILogger<ExceptionSafetyNetMiddleware> logger) : IFunctionsWorkerMiddleware
{
    // Without an HttpContext there is no response to answer with; the Functions host records the failed invocation itself.
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            return next(context);
        }

        NoStore.Apply(http.Response);
        return ExceptionSafetyNet.RunAsync(http, () => next(context), context.FunctionDefinition.Name, logger, context.CancellationToken);
    }
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Http;

/// <summary>Runs <see cref="ExceptionSafetyNet"/> around every HTTP function in the worker.</summary>
public sealed class ExceptionSafetyNetMiddleware(ILogger<ExceptionSafetyNetMiddleware> logger) : IFunctionsWorkerMiddleware
{
    // Without an HttpContext there is no response to answer with; the Functions host records the failed invocation itself.
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next) => context.GetHttpContext() is { } http
        ? ExceptionSafetyNet.RunAsync(http, () => next(context), context.FunctionDefinition.Name, logger, context.CancellationToken)
        : next(context);
}

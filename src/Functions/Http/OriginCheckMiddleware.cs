using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CustomerPortal.Functions.Http;

/// <summary>Runs <see cref="OriginCheck"/> before every HTTP function in the worker.</summary>
public sealed class OriginCheckMiddleware(OriginPolicy policy) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next) => context.GetHttpContext() is { } http
        ? OriginCheck.RunAsync(http, () => next(context), policy)
        : next(context);
}

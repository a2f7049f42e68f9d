using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CustomerPortal.Functions.Http;

/// <summary>Applies <see cref="OriginPolicy"/> before any HTTP function runs.</summary>
public sealed class OriginCheckMiddleware(OriginPolicy policy) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is not null && !policy.IsAllowed(http.Request))
        {
            await ProblemWriter.WriteAsync(http, OriginPolicy.Rejection());
            return;
        }

        await next(context);
    }
}

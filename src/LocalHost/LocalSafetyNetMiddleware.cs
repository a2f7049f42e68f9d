using CustomerPortal.Functions.Http;

namespace CustomerPortal.LocalHost;

/// <summary>Runs <see cref="ExceptionSafetyNet"/> around every local host request, as <see cref="ExceptionSafetyNetMiddleware"/> does in the worker; <c>/api</c> answers are marked <see cref="NoStore"/>.</summary>
public sealed class LocalSafetyNetMiddleware(RequestDelegate next, ILogger<LocalSafetyNetMiddleware> logger)
{
    // A function's endpoint is named after the function (MapFunctions), so the log reads as the worker's; a request that reached no endpoint is named by its path.
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            NoStore.Apply(context.Response);
        }

        return ExceptionSafetyNet.RunAsync(
            context, () => next(context), context.GetEndpoint()?.DisplayName ?? context.Request.Path.ToString(), logger, context.RequestAborted);
    }
}

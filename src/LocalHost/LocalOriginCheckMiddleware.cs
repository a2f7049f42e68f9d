using CustomerPortal.Functions.Http;

namespace CustomerPortal.LocalHost;

/// <summary>The local host's counterpart of the worker's <see cref="OriginCheckMiddleware"/>, for <c>/api</c> routes.</summary>
public sealed class LocalOriginCheckMiddleware(RequestDelegate next, OriginPolicy policy)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api") && !policy.IsAllowed(context.Request))
        {
            await ProblemWriter.WriteAsync(context, OriginPolicy.Rejection());
            return;
        }

        await next(context);
    }
}

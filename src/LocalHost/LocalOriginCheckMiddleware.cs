using CustomerPortal.Functions.Http;

namespace CustomerPortal.LocalHost;

/// <summary>Runs <see cref="OriginCheck"/> on the local host's <c>/api</c> routes, as <see cref="OriginCheckMiddleware"/> does in the worker.</summary>
public sealed class LocalOriginCheckMiddleware(RequestDelegate next, OriginPolicy policy)
{
    // In Azure the worker only ever sees /api (Static Web Apps serves the site), so the site pages stay unchecked here too.
    public Task InvokeAsync(HttpContext context) => context.Request.Path.StartsWithSegments("/api")
        ? OriginCheck.RunAsync(context, () => next(context), policy)
        : next(context);
}

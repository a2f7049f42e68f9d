using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace CustomerPortal.Functions.Http;

/// <summary>Writes a problem result straight to a response, for middleware that answers before or instead of a function.</summary>
public static class ProblemWriter
{
    public static Task WriteAsync(HttpContext context, ObjectResult problem) => WriteAsync(context, _ => problem);

    /// <summary>Writes <paramref name="error"/> through the catalog, with its <c>Retry-After</c> when it has a wait.</summary>
    public static Task WriteAsync(HttpContext context, PortalError error) => WriteAsync(context, response => ErrorCatalog.ToResult(error, response));

    private static Task WriteAsync(HttpContext context, Func<HttpResponse, ObjectResult> problem)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        // Cleared first, headers included (a cookie the function set must not go out with an error), then the problem's own headers.
        context.Response.Clear();
        return problem(context.Response).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}

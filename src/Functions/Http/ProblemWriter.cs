using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace CustomerPortal.Functions.Http;

/// <summary>Writes a problem result straight to a response, for middleware that answers before or instead of a function.</summary>
public static class ProblemWriter
{
    public static Task WriteAsync(HttpContext context, ObjectResult problem)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.Clear();
        return problem.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}

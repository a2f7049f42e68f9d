using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Functions.Http;

/// <summary>Runs the rest of a request only when <see cref="OriginPolicy"/> allows it; otherwise answers 403 <c>origin_not_allowed</c>.</summary>
public static class OriginCheck
{
    public static async Task RunAsync(HttpContext context, Func<Task> next, OriginPolicy policy)
    {
        if (!policy.IsAllowed(context.Request))
        {
            await ProblemWriter.WriteAsync(context, OriginPolicy.Rejection());
            return;
        }

        await next();
    }
}

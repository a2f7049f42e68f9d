using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerPortal.LocalHost;

/// <summary>
/// Checks function keys on the local host's <c>authLevel: function</c> routes (account creation, the support API), as the
/// Functions host does in Azure, when <c>LocalHost:FunctionKey</c> is set: the <c>x-functions-key</c> header or the <c>code</c>
/// query parameter must equal it, or the answer is a bare 401 (the Functions host's own, not problem+json). When the
/// setting is empty, keys are not checked, as under <c>func start</c>.
/// </summary>
public sealed class LocalFunctionKeyMiddleware(RequestDelegate next, IOptions<LocalHostOptions> options)
{
    public const string KeyHeader = "x-functions-key";

    public Task InvokeAsync(HttpContext context)
    {
        var key = options.Value.FunctionKey;
        var function = context.GetEndpoint()?.Metadata.GetMetadata<FunctionEndpointMetadata>();
        if (string.IsNullOrEmpty(key) || function is null || !string.Equals(function.AuthLevel, "function", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var given = context.Request.Headers[KeyHeader].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
        if (given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}

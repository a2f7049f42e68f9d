using System.Reflection;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Health;

/// <summary><c>GET /api/health</c>: the app version and whether Table Storage answers.</summary>
public sealed class HealthFunction(StorageHealthCheck check)
{
    private static readonly string Version =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await check.IsStorageUpAsync(cancellationToken))
        {
            return new OkObjectResult(new HealthResponse("healthy", Version, "up"));
        }

        return ErrorCatalog.ToResult(new PortalError(
            ErrorCodes.StorageUnavailable,
            RetryAfter: StorageOutage.RetryAfter,
            Extensions: new Dictionary<string, object?> { ["version"] = Version, ["storage"] = "down" }), request.HttpContext.Response);
    }
}

/// <summary>The body of a healthy <c>GET /api/health</c>.</summary>
public sealed record HealthResponse(string Status, string Version, string Storage);

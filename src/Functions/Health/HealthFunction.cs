using System.Reflection;
using CustomerPortal.Functions.Http;
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

        return Problems.Create(
            StatusCodes.Status503ServiceUnavailable,
            ProblemCodes.StorageUnavailable,
            "The portal's storage is not answering.",
            "Sign-in is unavailable for a moment. Please try again shortly.",
            extensions: new Dictionary<string, object?> { ["version"] = Version, ["storage"] = "down" });
    }
}

using Microsoft.Extensions.Configuration;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// Whether this is a development run, from <c>AZURE_FUNCTIONS_ENVIRONMENT</c> — the setting both the
/// Functions host and the local host read (Azure sets it to Production unless told otherwise).
/// </summary>
public sealed class PortalEnvironment(IConfiguration configuration)
{
    public bool IsDevelopment =>
        string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], "Development", StringComparison.OrdinalIgnoreCase);
}

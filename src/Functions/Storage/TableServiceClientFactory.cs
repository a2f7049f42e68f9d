using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Storage;

/// <summary>Builds the <see cref="TableServiceClient"/>: a connection string locally, managed identity in Azure.</summary>
public static class TableServiceClientFactory
{
    public static TableServiceClient Create(IOptions<StorageOptions> options, IEnumerable<HttpPipelinePolicy> extraPolicies, TokenCredential? credential = null)
    {
        var settings = options.Value;
        var clientOptions = StorageClientDefaults.Apply(new TableClientOptions(), settings, extraPolicies);

        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            return new TableServiceClient(settings.ConnectionString, clientOptions);
        }

        if (settings.TableServiceUri is null)
        {
            throw new InvalidOperationException("Set Storage:ConnectionString (local) or Storage:TableServiceUri (Azure).");
        }

        return new TableServiceClient(settings.TableServiceUri, credential ?? new DefaultAzureCredential(), clientOptions);
    }
}

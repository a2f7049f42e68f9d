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
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = settings.MaxRetries;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.NetworkTimeout = settings.NetworkTimeout;
        clientOptions.AddPolicy(new StorageFailureMarker(), HttpPipelinePosition.PerCall);
        foreach (var policy in extraPolicies)
        {
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

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

using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// Builds the <see cref="QueueServiceClient"/> of the outbox: the storage account's connection string locally, its Queue endpoint
/// and managed identity in Azure. Messages are Base64, as the Functions queue trigger reads them by default (<c>messageEncoding</c>).
/// </summary>
public static class QueueServiceClientFactory
{
    public static QueueServiceClient Create(IOptions<StorageOptions> options, IEnumerable<HttpPipelinePolicy> extraPolicies, TokenCredential? credential = null)
    {
        var settings = options.Value;
        var clientOptions = StorageClientDefaults.Apply(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, settings, extraPolicies);

        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            return new QueueServiceClient(settings.ConnectionString, clientOptions);
        }

        if (settings.QueueServiceUri is null)
        {
            throw new InvalidOperationException("Set Storage:ConnectionString (local) or Storage:QueueServiceUri (Azure).");
        }

        return new QueueServiceClient(settings.QueueServiceUri, credential ?? new DefaultAzureCredential(), clientOptions);
    }
}

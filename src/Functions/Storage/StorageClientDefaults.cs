using Azure.Core;
using Azure.Core.Pipeline;

namespace CustomerPortal.Functions.Storage;

/// <summary>What every storage client of the app shares: the retries and timeout of <see cref="StorageOptions"/>, the outage marker, and the extra pipeline policies (the tests' request counter).</summary>
public static class StorageClientDefaults
{
    public static T Apply<T>(T clientOptions, StorageOptions settings, IEnumerable<HttpPipelinePolicy> extraPolicies)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        ArgumentNullException.ThrowIfNull(settings);
        clientOptions.Retry.MaxRetries = settings.MaxRetries;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.NetworkTimeout = settings.NetworkTimeout;
        clientOptions.AddPolicy(new StorageFailureMarker(), HttpPipelinePosition.PerCall);
        foreach (var policy in extraPolicies)
        {
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        return clientOptions;
    }
}

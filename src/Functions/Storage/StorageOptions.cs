using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Storage;

/// <summary>Where the portal's Table Storage is. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>A connection string (Azurite locally). When empty, <see cref="TableServiceUri"/> and managed identity are used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service endpoint in Azure, e.g. <c>https://account.table.core.windows.net</c>; used with <c>DefaultAzureCredential</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The Queue service endpoint in Azure (the outbox), e.g. <c>https://account.queue.core.windows.net</c>; used with <c>DefaultAzureCredential</c>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Optional prefix for every table name (letters and digits only), so several copies of the app can share one account. Default: none.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>How long one storage request may take before it is abandoned, 1 second to 1 minute. Default: 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a failed storage request is retried (timeouts, transport errors, 408, 429 and 5xx answers), 0 to 5. Default: 2.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The older name of <see cref="NetworkTimeout"/>, in seconds; still accepted.</summary>
    public int? NetworkTimeoutSeconds { get => null; set => NetworkTimeout = value is { } seconds ? TimeSpan.FromSeconds(seconds) : NetworkTimeout; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && TableServiceUri is null)
        {
            yield return new("Set Storage:ConnectionString or Storage:TableServiceUri.", [nameof(ConnectionString)]);
        }

        if (string.IsNullOrWhiteSpace(ConnectionString) && QueueServiceUri is null)
        {
            yield return new("Set Storage:ConnectionString or Storage:QueueServiceUri (the outbox queue).", [nameof(QueueServiceUri)]);
        }

        if (!TablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            yield return new("Storage:TablePrefix may hold only letters and digits.", [nameof(TablePrefix)]);
        }
    }
}

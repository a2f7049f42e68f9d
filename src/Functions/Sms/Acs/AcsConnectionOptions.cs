namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>Where the ACS resource is and how long one send may take. Bound from <c>Sms:Acs</c>.</summary>
public sealed class AcsConnectionOptions
{
    /// <summary>
    /// The resource's connection string, <c>endpoint=https://….communication.azure.com/;accesskey=…</c>.
    /// When empty, <see cref="Endpoint"/> and <c>DefaultAzureCredential</c> are used. Default: none.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The resource's endpoint, used with managed identity when there is no connection string. Default: none.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Seconds one send may take in all, retries and their waits included; the customer is waiting
    /// on the other side of it. Default: 10.
    /// </summary>
    public int TotalTimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds one HTTP attempt may take before it is abandoned and retried. Default: 4.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 4;

    /// <summary>Retries after the first attempt, for 429, 5xx and timeouts only. Default: 3.</summary>
    public int MaxRetries { get; set; } = 3;
}

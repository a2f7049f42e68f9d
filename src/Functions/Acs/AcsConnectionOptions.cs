using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Acs;

/// <summary>Where the ACS resource is and how long one send may take. Bound from <c>Sms:Acs</c> and <c>Email:Acs</c>, one per channel.</summary>
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
    /// How long one send may take in all, retries and their waits included, 1 to 60 seconds; the customer is
    /// waiting on the other side of it. Default: 10 seconds.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one HTTP attempt may take before it is abandoned and retried, at least 1 second and at most <see cref="TotalTimeout"/>. Default: 4 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The older name of <see cref="TotalTimeout"/>, in seconds; still accepted.</summary>
    public int? TotalTimeoutSeconds { get => null; set => TotalTimeout = value is { } seconds ? TimeSpan.FromSeconds(seconds) : TotalTimeout; }

    /// <summary>The older name of <see cref="AttemptTimeout"/>, in seconds; still accepted.</summary>
    public int? AttemptTimeoutSeconds { get => null; set => AttemptTimeout = value is { } seconds ? TimeSpan.FromSeconds(seconds) : AttemptTimeout; }

    /// <summary>Retries after the first attempt, for 429, 5xx and timeouts only, 1 to 10. Default: 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The endpoint requests go to: the connection string's, else <see cref="Endpoint"/>.</summary>
    public Uri ResolvedEndpoint()
    {
        var endpoint = AcsConnectionString.TryParse(ConnectionString, out var parsed) ? parsed.Endpoint : Endpoint!;

        // Relative paths resolve under the endpoint only when its path ends in '/'.
        return endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }

    /// <summary>
    /// The rules for these settings, naming them under <paramref name="section"/> (<c>Sms:Acs</c>, <c>Email:Acs</c>);
    /// checked by the channel's options class when ACS is its provider.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(string section)
    {
        var connects = string.IsNullOrWhiteSpace(ConnectionString) ? Endpoint is { IsAbsoluteUri: true } : AcsConnectionString.TryParse(ConnectionString, out _);
        if (!connects)
        {
            yield return new($"Set {section}:ConnectionString (endpoint=https://…;accesskey=…) or {section}:Endpoint (with managed identity).", [nameof(ConnectionString)]);
        }

        if (TotalTimeout < TimeSpan.FromSeconds(1) || TotalTimeout > TimeSpan.FromSeconds(60))
        {
            yield return new($"{section}:TotalTimeout must be between 1 and 60 seconds.", [nameof(TotalTimeout)]);
        }

        if (AttemptTimeout < TimeSpan.FromSeconds(1) || AttemptTimeout > TotalTimeout)
        {
            yield return new($"{section}:AttemptTimeout must be between 1 second and {section}:TotalTimeout.", [nameof(AttemptTimeout)]);
        }

        if (MaxRetries is < 1 or > 10)
        {
            yield return new($"{section}:MaxRetries must be between 1 and 10.", [nameof(MaxRetries)]);
        }
    }
}

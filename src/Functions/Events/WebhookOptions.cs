using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Events;

/// <summary>
/// Who receives the portal's events (docs/events.md). Bound from the <c>Webhooks</c> section: one
/// <c>Webhooks:Subscribers:&lt;name&gt;:*</c> group per subscriber (Bicep writes them from the <c>webhookSubscribers</c> parameter,
/// each secret a Key Vault reference). No subscriber: no event is written anywhere.
/// </summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>The longest a subscriber may take to answer one delivery. Default: 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The wait before each retry of a failed delivery; after the last, the delivery is dead-lettered. Default: 30 s, 2 min,
    /// 10 min, 30 min, 1 h, 3 h, 6 h, 6 h, 8 h: 10 deliveries over 24 h 42 min 30 s (at least 24 hours, as the issue asks).
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>The default of <see cref="RetryDelays"/>, used when the setting names none.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(6), TimeSpan.FromHours(8),
    ];

    /// <summary>The retry waits in use: <see cref="RetryDelays"/>, or <see cref="DefaultRetryDelays"/> when it is empty.</summary>
    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;

    /// <summary>The subscribers, by a name of letters, digits and hyphens (it appears in logs and metrics).</summary>
    public Dictionary<string, WebhookSubscriber> Subscribers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether any subscriber is configured (else publishing an event costs nothing).</summary>
    public bool Any => Subscribers.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return new("Webhooks:Timeout must be between 0 and 1 minute.", [nameof(Timeout)]);
        }

        // A queue message stays invisible for at most 7 days.
        if (RetryDelays.Any(delay => delay <= TimeSpan.Zero || delay > TimeSpan.FromDays(7)) || RetryDelays.Count > 50)
        {
            yield return new("Webhooks:RetryDelays must be at most 50 waits, each between 0 and 7 days.", [nameof(RetryDelays)]);
        }

        foreach (var (name, subscriber) in Subscribers)
        {
            foreach (var problem in subscriber.Problems(name))
            {
                yield return new(problem, [nameof(Subscribers)]);
            }
        }
    }
}

/// <summary>One receiver of events.</summary>
public sealed class WebhookSubscriber
{
    /// <summary>Where events are POSTed: https, or http to this machine (loopback) for development.</summary>
    public string Url { get; set; } = "";

    /// <summary>The Standard Webhooks signing secret: <c>whsec_</c> and 24 to 64 random bytes in base64 (a Key Vault reference in Azure).</summary>
    public string Secret { get; set; } = "";

    /// <summary>The event types it receives, comma-separated; empty: every type.</summary>
    public string Events { get; set; } = "";

    /// <summary>Whether its events carry the customer's email address. Default: false (the account id and claim number only).</summary>
    public bool IncludeEmail { get; set; }

    /// <summary>Whether it receives events of <paramref name="type"/>.</summary>
    public bool Wants(string type)
        => string.IsNullOrWhiteSpace(Events)
        || Events.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(type, StringComparer.Ordinal);

    /// <summary>The signing key: the bytes of <see cref="Secret"/> after <c>whsec_</c>.</summary>
    public byte[] Key() => Convert.FromBase64String(Secret["whsec_".Length..]);

    internal IEnumerable<string> Problems(string name)
    {
        if (name.Length is 0 or > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            yield return $"Webhooks:Subscribers:{name}: a name is 1 to 40 letters, digits and hyphens.";
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) || uri.UserInfo.Length > 0)
        {
            yield return $"Webhooks:Subscribers:{name}:Url must be an https URL (http only to this machine), without user info.";
        }

        byte[]? key = null;
        try
        {
            key = Secret.StartsWith("whsec_", StringComparison.Ordinal) ? Key() : null;
        }
        catch (FormatException)
        {
        }

        if (key is null || key.Length < 24 || key.Length > 64)
        {
            yield return $"Webhooks:Subscribers:{name}:Secret must be whsec_ and 24 to 64 random bytes in base64.";
        }

        foreach (var type in Events.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!PortalEventTypes.All.Contains(type))
            {
                yield return $"Webhooks:Subscribers:{name}:Events names an unknown type '{type}'.";
            }
        }
    }
}

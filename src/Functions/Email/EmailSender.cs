namespace CustomerPortal.Functions.Email;

/// <summary>Sends one email. Implementations report provider failures as a result, not an exception.</summary>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// An email to one person, in plain text and HTML. <paramref name="Tag"/> names its purpose (e.g. <c>password-reset</c>,
/// <c>security-password-changed</c>) for the outbox, the logs and metrics; it never holds personal data.
/// </summary>
public sealed record EmailMessage(string To, string DisplayName, string Subject, string Text, string Html, string Tag)
{
    /// <summary>
    /// The outbox message's id (a GUID), set when the email comes off the outbox queue: every delivery of one message carries it,
    /// so a sender can make a second delivery a no-op (ACS's repeatability id, the development outbox's row key). Null: a new id per send.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>When the email was put in the outbox (ACS's <c>Repeatability-First-Sent</c>); null when not from the outbox.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>The event a security email reports, published with it (<see cref="SecurityEmails.SendAsync"/>); never queued with the email.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Events.PortalEvent? Event { get; init; }
}

/// <summary>Whether the provider accepted a message; <see cref="FailureReason"/> is a short, non-secret reason when it did not.</summary>
public sealed record EmailSendResult(bool Accepted, string? MessageId = null, string? FailureReason = null)
{
    public static EmailSendResult Success(string? messageId) => new(true, messageId);

    public static EmailSendResult Failure(string reason) => new(false, null, reason);
}

/// <summary>The <see cref="EmailSendResult.FailureReason"/> values a sender reports (the same words as SMS).</summary>
public static class EmailFailureReasons
{
    /// <summary>The provider refused the message or our request: retrying will not help.</summary>
    public const string ProviderRejected = "provider_rejected";

    /// <summary>The provider was down, throttling, or unreachable, even after retries.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>The provider did not answer within the send's time budget; the email may or may not arrive.</summary>
    public const string Timeout = "timeout";
}

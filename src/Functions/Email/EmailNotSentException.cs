namespace CustomerPortal.Functions.Email;

/// <summary>An outbox email the provider did not take; thrown so the Functions host delivers the message again (or poisons it).</summary>
public sealed class EmailNotSentException(string messageId, string? reason)
    : Exception($"Outbox message {messageId} was not sent: {reason ?? "unknown"}.");

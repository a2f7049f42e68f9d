namespace CustomerPortal.Functions.Dev;

/// <summary>One message in the development SMS outbox.</summary>
public sealed record OutboxMessage(string To, string Body, DateTimeOffset SentAt);

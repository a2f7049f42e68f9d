namespace CustomerPortal.Functions.Http;

/// <summary>A rule said no: a stable <see cref="Code"/> plus what the customer needs to act on it.</summary>
public sealed record PortalError(
    string Code,
    int? AttemptsRemaining = null,
    TimeSpan? RetryAfter = null,
    IDictionary<string, string[]>? Errors = null);

namespace CustomerPortal.Functions.Http;

/// <summary>What a service returns: a value, or the <see cref="PortalError"/> that stopped it.</summary>
public readonly record struct Outcome<T>(T? Value, PortalError? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(PortalError error) => new(default, error);
}

/// <summary>A rule said no: a stable <see cref="Code"/> from <see cref="ErrorCodes"/> plus what the customer needs to act on it.</summary>
public sealed record PortalError(
    string Code,
    int? AttemptsRemaining = null,
    TimeSpan? RetryAfter = null,
    IDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    /// <summary>A 400 <c>validation_failed</c> naming the fields and what is wrong with each.</summary>
    public static PortalError Validation(IDictionary<string, string[]> errors) => new(ErrorCodes.ValidationFailed, Errors: errors);

    public static PortalError Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });
}

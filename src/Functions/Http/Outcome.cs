namespace CustomerPortal.Functions.Http;

/// <summary>What a service returns: a value, or the <see cref="PortalError"/> that stopped it.</summary>
public readonly record struct Outcome<T>(T? Value, PortalError? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(PortalError error) => new(default, error);
}

namespace CustomerPortal.Functions.Auth;

/// <summary>The outcome of checking a password against its stored hash.</summary>
public enum PasswordCheck
{
    /// <summary>Wrong password, or no account: the caller must not be able to tell which.</summary>
    Failed,

    /// <summary>The password is right.</summary>
    Success,

    /// <summary>The password is right and the stored hash is weaker than today's settings: store <see cref="PortalPasswordHasher.Hash"/> of it now.</summary>
    SuccessRehashNeeded,
}

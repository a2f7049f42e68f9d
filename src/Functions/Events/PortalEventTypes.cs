namespace CustomerPortal.Functions.Events;

/// <summary>The CloudEvent types the portal publishes (docs/events.md has each one's data and an example).</summary>
public static class PortalEventTypes
{
    /// <summary>The prefix of every type: reverse-DNS, as the CloudEvents spec recommends.</summary>
    public const string Prefix = "com.customerportal.";

    /// <summary>The customer set their first password.</summary>
    public const string Activated = Prefix + "account.activated";

    /// <summary>A second-factor method was added (data: method).</summary>
    public const string SecondFactorAdded = Prefix + "account.second_factor_added";

    /// <summary>A second-factor method was removed (data: method).</summary>
    public const string SecondFactorRemoved = Prefix + "account.second_factor_removed";

    /// <summary>The password was reset with an emailed link, or changed on the account page.</summary>
    public const string PasswordChanged = Prefix + "account.password_changed";

    /// <summary>Wrong passwords or wrong codes paused sign-in (data: lock = password or second_factor).</summary>
    public const string Locked = Prefix + "account.locked";

    /// <summary>Support ended a pause.</summary>
    public const string Unlocked = Prefix + "account.unlocked";

    /// <summary>Support removed every second-factor method and signed the account out everywhere.</summary>
    public const string MfaReset = Prefix + "account.mfa_reset";

    /// <summary>A sign-in finished with a second factor or a passkey in a browser that brought no remembered device of the account (data: method).</summary>
    public const string SignedInNewDevice = Prefix + "account.signed_in_new_device";

    /// <summary>The account was deleted (data: none beyond the account id; no email, no claim number).</summary>
    public const string AccountDeleted = Prefix + "account.deleted";

    /// <summary>Every type, for the subscribers' <c>Events</c> filter.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Activated, SecondFactorAdded, SecondFactorRemoved, PasswordChanged, Locked, Unlocked, MfaReset, SignedInNewDevice, AccountDeleted,
    };
}

namespace CustomerPortal.Functions.Storage;

/// <summary>The tables the portal uses; each is created on first use.</summary>
public static class TableNames
{
    /// <summary>One partition per account: the account entity, its sessions, its remembered devices and its passkeys.</summary>
    public const string Accounts = "Accounts";

    /// <summary>Normalised email key to account id, for sign-in and for unique emails.</summary>
    public const string AccountEmails = "AccountEmails";

    /// <summary>Normalised claim number key to the accounts of that claim (one row per account), for support's lookup.</summary>
    public const string AccountClaims = "AccountClaims";

    /// <summary>Security events, partitioned per account.</summary>
    public const string Audit = "Audit";

    /// <summary>Send counters for SMS limits (per phone, per client IP, per day).</summary>
    public const string SmsCounters = "SmsCounters";

    /// <summary>Request counters for password-reset limits (per client IP, per email address).</summary>
    public const string ResetCounters = "ResetCounters";

    /// <summary>The development SMS outbox.</summary>
    public const string SmsOutbox = "SmsOutbox";

    /// <summary>The development email outbox.</summary>
    public const string EmailOutbox = "EmailOutbox";

    /// <summary>Passkey credential id (hashed) to account id, for passwordless sign-in.</summary>
    public const string PasskeyCredentials = "PasskeyCredentials";

    /// <summary>The open WebAuthn ceremonies: options with their single-use challenge.</summary>
    public const string PasskeyChallenges = "PasskeyChallenges";

    /// <summary>Decoy rows that make every sign-in outcome cost the same storage work.</summary>
    public const string SignInDecoys = "SignInDecoys";

    /// <summary>Failed sign-ins per client address, address range and (in shards) service-wide, per window: the sign-in throttle.</summary>
    public const string SignInThrottle = "SignInThrottle";

    /// <summary>The nonces of proof-of-work challenges already spent, until they expire (single use).</summary>
    public const string SpentChallenges = "SpentChallenges";
}

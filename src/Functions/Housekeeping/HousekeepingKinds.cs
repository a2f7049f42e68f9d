namespace CustomerPortal.Functions.Housekeeping;

/// <summary>What the housekeeping job removes: the <c>kind</c> of the <c>portal.housekeeping.removed</c> metric.</summary>
public static class HousekeepingKinds
{
    /// <summary>A session row past its lifetime or idle too long (Accounts table).</summary>
    public const string Session = "session";

    /// <summary>A remembered device past its 30 days (Accounts table).</summary>
    public const string Device = "device";

    /// <summary>An SMS send counter whose window has ended (SmsCounters table).</summary>
    public const string SmsCounter = "sms_counter";

    /// <summary>A development outbox message older than a day (SmsOutbox table).</summary>
    public const string OutboxMessage = "outbox_message";

    /// <summary>An audit row older than <c>Audit:RetentionDays</c> (Audit table).</summary>
    public const string AuditEvent = "audit_event";

    /// <summary>An activation token past its expiry, cleared from the account row.</summary>
    public const string ActivationToken = "activation_token";

    /// <summary>An authenticator key never confirmed, past its setup lifetime, cleared from the account row.</summary>
    public const string SetupKey = "setup_key";

    /// <summary>A phone number never confirmed, with no live code left for it, cleared from the account row.</summary>
    public const string SetupPhone = "setup_phone";

    /// <summary>An SMS code past its expiry (its keyed hash), cleared from the account row.</summary>
    public const string SmsCode = "sms_code";

    /// <summary>A passkey ceremony's challenge past its 5 minutes, never answered (PasskeyChallenges table).</summary>
    public const string PasskeyChallenge = "passkey_challenge";

    /// <summary>A password reset counter whose hour has ended (ResetCounters table).</summary>
    public const string ResetCounter = "reset_counter";

    /// <summary>A password reset link past its 30 minutes (its token hash), cleared from the account row.</summary>
    public const string ResetToken = "reset_token";

    public static IReadOnlyList<string> All { get; } = [Session, Device, SmsCounter, ResetCounter, OutboxMessage, AuditEvent, ActivationToken, ResetToken, SetupKey, SetupPhone, SmsCode, PasskeyChallenge];
}

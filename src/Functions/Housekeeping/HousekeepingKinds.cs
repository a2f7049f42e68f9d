using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.SecondFactors.SmsCodes;
using CustomerPortal.Functions.SecondFactors.Totp;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>
/// What the housekeeping job removes: the <c>kind</c> of the <c>portal.housekeeping.removed</c> metric. A second factor's kinds
/// are its own (it says what of it expires); they are named here too, for the operator's list.
/// </summary>
public static class HousekeepingKinds
{
    /// <summary>A session row past its lifetime or idle too long (Accounts table).</summary>
    public const string Session = "session";

    /// <summary>What "Sign out other devices" left of a session, past when that session would have expired (Accounts table).</summary>
    public const string SignedOutMarker = "signed_out_marker";

    /// <summary>A remembered device past its 30 days (Accounts table).</summary>
    public const string Device = "device";

    /// <summary>An SMS send counter whose window has ended (SmsCounters table).</summary>
    public const string SmsCounter = "sms_counter";

    /// <summary>A development outbox message older than a day (SmsOutbox table).</summary>
    public const string OutboxMessage = "outbox_message";

    /// <summary>An audit row older than <c>Audit:RetentionDays</c> (an account's partition, or the Audit table).</summary>
    public const string AuditEvent = "audit_event";

    /// <summary>An account deleted <c>Retention:DeleteAfterDays</c> after its claim closed (every row that named it, rule DP5).</summary>
    public const string AccountDeleted = "account";

    /// <summary>Not a removal: the email that an account goes in <c>Retention:WarningDays</c> days (counted with the removals).</summary>
    public const string RetentionWarning = "retention_warning";

    /// <summary>An activation token past its expiry, cleared from the account row.</summary>
    public const string ActivationToken = "activation_token";

    /// <summary>An authenticator key never confirmed, past its setup lifetime, cleared from the account row.</summary>
    public const string SetupKey = TotpFactor.ExpiredSetupKey;

    /// <summary>A phone number never confirmed, with no live code left for it, cleared from the account row.</summary>
    public const string SetupPhone = SmsFactor.ExpiredSetupPhone;

    /// <summary>An SMS code past its expiry (its keyed hash), cleared from the account row.</summary>
    public const string SmsCode = SmsFactor.ExpiredCode;

    /// <summary>A passkey ceremony's challenge past its 5 minutes, never answered (PasskeyChallenges table).</summary>
    public const string PasskeyChallenge = PasskeyFactor.ExpiredChallenge;

    /// <summary>A password reset counter whose hour has ended (ResetCounters table).</summary>
    public const string ResetCounter = "reset_counter";

    /// <summary>A password reset link past its 30 minutes (its token hash), cleared from the account row.</summary>
    public const string ResetToken = "reset_token";

    /// <summary>A support reset's enrolment link past its 72 hours (its token hash), cleared from the account row.</summary>
    public const string EnrolmentToken = "enrolment_token";

    /// <summary>An OpenID Connect grant past its refresh token's expiry (Accounts table; Oidc/OidcGrantEntity.ExpiredKind).</summary>
    public const string OidcGrant = "oidc_grant";

    /// <summary>A sign-in throttle count whose window has ended (SignInThrottle table).</summary>
    public const string ThrottleCounter = "throttle_counter";

    /// <summary>A spent proof-of-work challenge past its expiry (SpentChallenges table): it would be refused as expired now anyway.</summary>
    public const string SpentChallenge = "spent_challenge";

    public static IReadOnlyList<string> All { get; } = [Session, Device, SmsCounter, ResetCounter, ThrottleCounter, SpentChallenge, OutboxMessage, AuditEvent, ActivationToken, ResetToken, EnrolmentToken, SetupKey, SetupPhone, SmsCode, PasskeyChallenge, OidcGrant];
}

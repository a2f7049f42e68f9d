using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// Everything about one customer in one row (PartitionKey = account id, RowKey = "account"), so that
/// one read and one conditional write (ETag) cover a whole sign-in or MFA step.
/// Secrets are stored protected (<c>SecretProtector</c>) or hashed, never in clear. Each second factor's values are read
/// and written only by its own folder under <c>SecondFactors/</c>.
/// </summary>
public sealed class AccountEntity : ITableEntity
{
    public const string Row = "account";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Email { get; set; } = "";
    public string ClaimNumber { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The language of the customer's emails and text messages (<see cref="PortalLanguages"/>): set at activation, changed on the account page; none (an older row) reads as English.</summary>
    public string? Language { get; set; }

    /// <summary>When a full session last started (a second factor signed in, or a first setup finished); for support.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The account's OpenID Connect subject (<c>sub</c>): random, never the email or this row's key; made at the first full session.</summary>
    public string? OidcSubject { get; set; }

    // Activation: hash of the single-use token, cleared when used.
    public string? ActivationTokenHash { get; set; }
    public DateTimeOffset? ActivationExpiresAt { get; set; }

    // Password and its lockout.
    public string? PasswordHash { get; set; }
    public int PasswordFailures { get; set; }
    public DateTimeOffset? PasswordLockedUntil { get; set; }

    // After support's reset of the second factor: the first setup needs the mailbox proven (the enrolment link, or a reset link)
    // in the session that does it; the link's token hash and expiry, cleared by the setup it opens (rule SD15).
    public bool EnrolmentRequired { get; set; }
    public string? EnrolmentTokenHash { get; set; }
    public DateTimeOffset? EnrolmentExpiresAt { get; set; }

    // Forgotten password: hash of the single-use reset token, cleared when used; a new one replaces it.
    public string? PasswordResetTokenHash { get; set; }
    public DateTimeOffset? PasswordResetExpiresAt { get; set; }

    // When each kind of security email last went ("password-changed=<UTC ticks>;..."), for at most one per kind per interval.
    public string? SecurityEmailsSentAt { get; set; }

    // Enrolled second factors.
    public string? SmsPhoneProtected { get; set; }
    public string? SmsPhoneHint { get; set; }
    public string? TotpSecretProtected { get; set; }
    public long TotpLastStep { get; set; } = -1;

    // Passkeys: how many passkey rows the partition holds (changed in the same transaction as they are), and the
    // random WebAuthn user handle (Base64url, 32 bytes; never the email), made with the first one.
    public int PasskeyCount { get; set; }
    public string? PasskeyUserHandle { get; set; }

    // Setup in progress: the phone awaiting its code, the authenticator key awaiting its first code.
    public string? PendingPhoneProtected { get; set; }
    public string? PendingPhoneHint { get; set; }
    public string? PendingTotpSecretProtected { get; set; }
    public DateTimeOffset? PendingTotpExpiresAt { get; set; }

    // The one live SMS code: keyed hash, purpose ("setup" or "signin"), expiry, wrong entries.
    public string? SmsCodeHash { get; set; }
    public string? SmsCodePurpose { get; set; }
    public DateTimeOffset? SmsCodeExpiresAt { get; set; }
    public DateTimeOffset? SmsCodeSentAt { get; set; }
    public int SmsCodeFailures { get; set; }

    // Second-factor lockout, across methods.
    public int MfaFailures { get; set; }
    public int MfaLockLevel { get; set; }
    public DateTimeOffset? MfaLockedUntil { get; set; }

    // Salted hashes of the unused recovery codes, separated by spaces.
    public string? RecoveryCodeHashes { get; set; }

    // Support's unlocks of this account in one UTC day ("yyyyMMdd" and the count), changed in the unlock's own conditional write.
    /// <summary>When the insurer marked the account's claim closed (<c>POST /api/admin/claims/close</c>); null while it is open. The retention job deletes the account <c>Retention:DeleteAfterDays</c> after it.</summary>
    public DateTimeOffset? ClaimClosedAt { get; set; }

    /// <summary>When the retention job emailed the customer that the account goes soon; null until then, and again after a reopening.</summary>
    public DateTimeOffset? RetentionWarnedAt { get; set; }

    public string? SupportUnlocksDay { get; set; }
    public int SupportUnlocks { get; set; }
}

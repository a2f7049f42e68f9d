namespace CustomerPortal.Functions.Accounts.Audit;

/// <summary>The security events written to the audit table.</summary>
public static class AuditEvents
{
    public const string AccountCreated = "account-created";
    public const string Activated = "activated";
    public const string SignInSucceeded = "sign-in-succeeded";
    public const string SignInFailed = "sign-in-failed";
    public const string PasswordLocked = "password-locked";
    public const string MfaSetupStarted = "mfa-setup-started";
    public const string MfaMethodEnrolled = "mfa-method-enrolled";
    public const string MfaSetupCompleted = "mfa-setup-completed";
    public const string MfaVerified = "mfa-verified";
    public const string MfaFailed = "mfa-failed";
    public const string MfaLocked = "mfa-locked";
    public const string SmsCodeSent = "sms-code-sent";
    public const string SmsSendFailed = "sms-send-failed";
    public const string RecoveryCodeUsed = "recovery-code-used";
    public const string RecoveryCodesRegenerated = "recovery-codes-regenerated";
    public const string SignedOut = "signed-out";
    public const string MfaSteppedUp = "mfa-stepped-up";
    public const string MfaMethodRemoved = "mfa-method-removed";
    public const string PasskeySignedIn = "passkey-signed-in";
    public const string PasskeySignCountWentBack = "passkey-sign-count-went-back";
    public const string PasskeyRenamed = "passkey-renamed";
    public const string LanguageChanged = "language-changed";
    public const string OtherSessionsEnded = "other-sessions-ended";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";
    public const string PasswordChangeFailed = "password-change-failed";
    public const string DeviceRemembered = "device-remembered";
    public const string DeviceForgotten = "device-forgotten";
    public const string EnrolmentLinkUsed = "enrolment-link-used";

    // Support calls (an Entra ID agent's bearer token); their rows also name the agent (id and name) and the reason.
    public const string SupportLookedUp = "support-looked-up";
    public const string SupportViewed = "support-viewed";
    public const string SupportTrailRead = "support-trail-read";
    public const string SupportActivationSent = "support-activation-sent";
    public const string SupportUnlocked = "support-unlocked";
    public const string SupportMfaReset = "support-mfa-reset";
    public const string SupportSessionsEnded = "support-sessions-ended";
    public const string SupportPasswordResetSent = "support-password-reset-sent";
    public const string SupportDevicesForgotten = "support-devices-forgotten";

    // Issue 28: the claim's end and the account's (the deletion row is written in the deleted account's pseudonymized trail).
    public const string ClaimClosed = "claim-closed";
    public const string ClaimReopened = "claim-reopened";
    public const string RetentionWarningSent = "retention-warning-sent";
    public const string DataExported = "data-exported";
    public const string AccountDeleted = "account-deleted";
}

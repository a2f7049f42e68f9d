namespace CustomerPortal.Functions.Email;

/// <summary>The security emails: each tells the customer that something about their sign-in changed or was tried.</summary>
public enum SecurityEmailKind
{
    /// <summary>The password was changed (on the account page) or reset (with an emailed link).</summary>
    PasswordChanged,

    /// <summary>A second-factor method was added.</summary>
    MethodAdded,

    /// <summary>A second-factor method was removed.</summary>
    MethodRemoved,

    /// <summary>New recovery codes were made; the old ones stopped working.</summary>
    RecoveryCodesRegenerated,

    /// <summary>A recovery code was used to sign in, or to confirm it's you (a step-up).</summary>
    RecoveryCodeUsed,

    /// <summary>Wrong passwords paused password sign-in.</summary>
    PasswordLocked,

    /// <summary>Wrong codes paused the second factor.</summary>
    SecondFactorLocked,

    /// <summary>Support removed every way of getting sign-in codes (the customer lost them) and signed the account out everywhere.</summary>
    MfaResetBySupport,

    /// <summary>Support ended a pause of password sign-in or of the sign-in codes.</summary>
    UnlockedBySupport,

    /// <summary>The account was deleted (by the customer, support or the insurer's systems): the last email it gets.</summary>
    AccountDeleted,

    /// <summary>The account was deleted by the retention job, <c>Retention:DeleteAfterDays</c> after its claim closed.</summary>
    AccountDeletedAfterClaim,

    /// <summary>The claim closed and the account goes in <c>Retention:WarningDays</c> days.</summary>
    AccountDeletionWarning,
}

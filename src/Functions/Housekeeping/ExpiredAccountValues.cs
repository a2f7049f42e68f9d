using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>The values of an account row that have expired and are cleared: nothing a customer could still use.</summary>
public static class ExpiredAccountValues
{
    /// <summary>Clears what has expired at <paramref name="now"/>; returns the <see cref="HousekeepingKinds"/> cleared, empty when nothing was.</summary>
    public static IReadOnlyList<string> Clear(AccountEntity account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var cleared = new List<string>();

        // An expired link already answers activation_invalid; the hash of its token is of no further use.
        if (account.ActivationTokenHash is not null && account.ActivationExpiresAt <= now)
        {
            account.ActivationTokenHash = null;
            account.ActivationExpiresAt = null;
            cleared.Add(HousekeepingKinds.ActivationToken);
        }

        // An expired reset link already answers reset_link_invalid; the hash of its token is of no further use.
        if (account.PasswordResetTokenHash is not null && !(account.PasswordResetExpiresAt > now))
        {
            account.PasswordResetTokenHash = null;
            account.PasswordResetExpiresAt = null;
            cleared.Add(HousekeepingKinds.ResetToken);
        }

        // Confirming a key after its setup lifetime answers setup_expired, with or without the key.
        if (account.PendingTotpSecretProtected is not null && !(account.PendingTotpExpiresAt > now))
        {
            account.PendingTotpSecretProtected = null;
            account.PendingTotpExpiresAt = null;
            cleared.Add(HousekeepingKinds.SetupKey);
        }

        // An expired code answers code_expired, with or without its hash; the resend wait (SmsCodeSentAt) is long over.
        if (account.SmsCodeHash is not null && !(account.SmsCodeExpiresAt > now))
        {
            account.ClearSmsCode();
            cleared.Add(HousekeepingKinds.SmsCode);
        }

        // A phone number waiting for its setup code is needed only while a code lives; a new setup sends a new code and
        // stores the number again.
        if (account.PendingPhoneProtected is not null && !(account.SmsCodeHash is not null && account.SmsCodeExpiresAt > now))
        {
            account.PendingPhoneProtected = null;
            account.PendingPhoneHint = null;
            cleared.Add(HousekeepingKinds.SetupPhone);
        }

        return cleared;
    }
}

using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// After 5 consecutive wrong codes of any method the account's second factor locks for 15 minutes,
/// doubling with each further lock up to 24 hours. A right code resets both; sending a code does not.
/// </summary>
public static class MfaLockout
{
    public static TimeSpan? LockedFor(AccountEntity account, DateTimeOffset now)
        => account.MfaLockedUntil is { } until && until > now ? until - now : null;

    /// <summary>Counts a wrong code; returns the lock's length when this failure started one.</summary>
    public static TimeSpan? RecordFailure(AccountEntity account, DateTimeOffset now, MfaOptions options)
    {
        account.MfaFailures++;
        if (account.MfaFailures < options.MaxFailures)
        {
            return null;
        }

        var length = options.FirstLock * Math.Pow(2, Math.Min(account.MfaLockLevel, 20));
        if (length > options.MaxLock)
        {
            length = options.MaxLock;
        }

        account.MfaLockedUntil = now + length;
        account.MfaLockLevel++;
        account.MfaFailures = 0;
        return length;
    }

    public static void RecordSuccess(AccountEntity account)
    {
        account.MfaFailures = 0;
        account.MfaLockLevel = 0;
        account.MfaLockedUntil = null;
    }

    public static int AttemptsRemaining(AccountEntity account, MfaOptions options)
        => Math.Max(0, options.MaxFailures - account.MfaFailures);
}

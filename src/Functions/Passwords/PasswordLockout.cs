using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.Passwords;

/// <summary>After 10 consecutive wrong passwords, an increasing wait: 1 minute, doubling, up to 1 hour.</summary>
public static class PasswordLockout
{
    public static bool IsLocked(AccountEntity account, DateTimeOffset now) => account.PasswordLockedUntil > now;

    /// <summary>Counts a wrong password; true when it starts a wait.</summary>
    public static bool RecordFailure(AccountEntity account, DateTimeOffset now, SignInOptions options)
    {
        account.PasswordFailures++;
        var over = account.PasswordFailures - options.FailuresBeforeLock;
        if (over < 0)
        {
            return false;
        }

        var wait = options.FirstLock * Math.Pow(2, Math.Min(over, 20));
        account.PasswordLockedUntil = now + (wait < options.MaxLock ? wait : options.MaxLock);
        return true;
    }

    /// <summary>Clears the count after a right password; true when something changed.</summary>
    public static bool RecordSuccess(AccountEntity account)
    {
        var changed = account.PasswordFailures != 0 || account.PasswordLockedUntil is not null;
        account.PasswordFailures = 0;
        account.PasswordLockedUntil = null;
        return changed;
    }
}

using System.Runtime.CompilerServices;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// One code attempt under the lockout rules: refused unread while locked; a wrong code is counted
/// (and may start the lock); a right code clears the count. Callers write the account when told to.
/// </summary>
public readonly record struct MfaAttempt(PortalError? Error, bool Write)
{
    // The errors that started a lock, by reference. A decision that loses its write race is dropped with its error, so
    // only the lock that was written reaches the caller and is counted once however often the request decided again.
    private static readonly ConditionalWeakTable<PortalError, object> LockStarts = [];

    /// <summary>Whether <paramref name="error"/> is the refusal whose attempt started a lock (not a refusal during one).</summary>
    public static bool StartedLock(PortalError? error) => error is not null && LockStarts.TryGetValue(error, out _);

    public static MfaAttempt Apply(
        AccountEntity? account,
        DateTimeOffset now,
        MfaOptions options,
        Func<AccountEntity, CodeCheck> check,
        Func<AccountEntity, int> attemptsRemaining)
    {
        if (account is null)
        {
            return new(new PortalError(ErrorCodes.SessionRequired), false);
        }

        if (MfaLockout.LockedFor(account, now) is { } wait)
        {
            return new(new PortalError(ErrorCodes.MfaLocked, RetryAfter: wait), false);
        }

        switch (check(account))
        {
            case CodeCheck.Expired:
                return new(new PortalError(ErrorCodes.CodeExpired), false);
            case CodeCheck.Wrong:
                var locked = MfaLockout.RecordFailure(account, now, options);
                var error = locked is { } length
                    ? new PortalError(ErrorCodes.MfaLocked, RetryAfter: length)
                    : new PortalError(ErrorCodes.InvalidCode, AttemptsRemaining: attemptsRemaining(account));
                if (locked is not null)
                {
                    LockStarts.AddOrUpdate(error, error);
                }

                return new(error, true);
            default:
                MfaLockout.RecordSuccess(account);
                return new(null, true);
        }
    }

    /// <summary>The account change for a refused attempt: the error, written when a failure was counted.</summary>
    public AccountChange<Outcome<T>> Change<T>()
        => Write ? AccountChange<Outcome<T>>.Save(Error!) : AccountChange<Outcome<T>>.ReadOnly(Error!);
}

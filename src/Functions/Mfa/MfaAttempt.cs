using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// One code attempt under the lockout rules: refused unread while locked; a wrong code is counted
/// (and may start the lock); a right code clears the count. Callers write the account when told to.
/// </summary>
public readonly record struct MfaAttempt(PortalError? Error, bool Write)
{
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

using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.SecondFactors;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>
/// The values of an account row that have expired and are cleared: nothing a customer could still use. The account's own
/// links here; each second factor says what of it expires (<see cref="ISecondFactor.ClearExpired"/>).
/// </summary>
public sealed class ExpiredAccountValues(SecondFactorRegistry factors)
{
    /// <summary>A filter over account rows that finds every row with a value that may have expired at <paramref name="now"/> (it may find more).</summary>
    public string Filter(DateTimeOffset now)
    {
        var candidates = new List<string> { TableClient.CreateQueryFilter($"ActivationExpiresAt le {now} or PasswordResetExpiresAt le {now}") };
        candidates.AddRange(factors.All.Select(factor => factor.ExpiredValuesFilter(now)).OfType<string>());
        return TableClient.CreateQueryFilter($"RowKey eq {AccountEntity.Row}") + " and (" + string.Join(" or ", candidates.Select(c => "(" + c + ")")) + ")";
    }

    /// <summary>Clears what has expired at <paramref name="now"/>; returns the <see cref="HousekeepingKinds"/> cleared, empty when nothing was.</summary>
    public IReadOnlyList<string> Clear(AccountEntity account, DateTimeOffset now)
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

        foreach (var factor in factors.All)
        {
            cleared.AddRange(factor.ClearExpired(account, now));
        }

        return cleared;
    }
}

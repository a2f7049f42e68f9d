using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// An account change that can end the account's other sessions in the same transaction (a new password does).
/// No session slips through: every session starts in a conditional write of the account row, so one started after the
/// sessions were listed makes this change's write lose its race, and the sessions are listed again.
/// </summary>
public sealed class SessionEndingChange(AccountStore store, SessionService sessions)
{
    /// <summary>How often the change lists the sessions again after one started or ended meanwhile.</summary>
    public const int MaxAttempts = 10;

    // A table transaction holds at most 100 actions: the account row, a new session, and these ends.
    private const int MaxEndsPerTransaction = 98;

    /// <summary>
    /// Reads the account, lists its sessions, and lets <paramref name="decide"/> apply a rule. When the decision writes and says
    /// <c>EndsSessions</c>, every session of the account but <paramref name="keep"/> is deleted in the same transaction, and then
    /// the <see cref="ISessionsEndedObserver"/>s are told, with <paramref name="reason"/> (one of <see cref="SessionEndReasons"/>).
    /// <paramref name="decide"/> gets null when the account does not exist, and may run more than once.
    /// </summary>
    public async Task<T> RunAsync<T>(
        string accountId,
        SessionEntity? keep,
        string reason,
        Func<AccountEntity?, (AccountChange<T> Change, bool EndsSessions)> decide,
        CancellationToken cancellationToken)
    {
        var endedEarly = new List<SessionEntity>();
        for (var attempt = 1; ; attempt++)
        {
            var account = await store.FindAsync(accountId, cancellationToken);
            if (account is null)
            {
                return decide(null).Change.Result;
            }

            var others = (await sessions.ListAsync(accountId, cancellationToken)).Where(s => s.RowKey != keep?.RowKey).ToList();
            if (others.Count > MaxEndsPerTransaction)
            {
                // Only when years of sessions were never presented again: end the oldest first, outside the transaction.
                var oldest = others.OrderBy(s => s.CreatedAt).Take(others.Count - MaxEndsPerTransaction).ToList();
                await EndAsync(oldest, cancellationToken);
                endedEarly.AddRange(oldest);
                others = [.. others.OrderBy(s => s.CreatedAt).Skip(others.Count - MaxEndsPerTransaction)];
            }

            try
            {
                var step = await store.ChangeAsync(account, current =>
                {
                    var (change, endsSessions) = decide(current);
                    if (!endsSessions || !change.Write)
                    {
                        return new AccountChange<Step<T>>(new Step<T>(change.Result, false, false), change.Write, change.Extra);
                    }

                    if (current!.ETag != account.ETag)
                    {
                        // The row changed since the sessions were listed: a session may have started meanwhile.
                        return AccountChange<Step<T>>.ReadOnly(new Step<T>(change.Result, true, false));
                    }

                    var actions = new List<TableTransactionAction>(change.Extra ?? []);
                    actions.AddRange(others.Select(SessionService.End));
                    return new AccountChange<Step<T>>(new Step<T>(change.Result, false, true), true, actions);
                }, cancellationToken);

                if (step.Ended)
                {
                    var sids = endedEarly.Concat(others).Select(s => s.Sid).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                    await sessions.EndedAsync(accountId, sids, reason, cancellationToken);
                }

                if (!step.Stale)
                {
                    return step.Result;
                }
            }
            catch (LinkedRowGoneException) when (attempt < MaxAttempts)
            {
                // A listed session ended meanwhile (sign-out, expiry): list them again.
                continue;
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"The sessions of an account changed {MaxAttempts} times during one password change.");
            }
        }
    }

    private async Task EndAsync(IEnumerable<SessionEntity> ending, CancellationToken cancellationToken)
    {
        foreach (var session in ending)
        {
            try
            {
                await sessions.EndRowAsync(session, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Already gone.
            }
        }
    }

    /// <param name="Ended">The change was written with the sessions' ends.</param>
    private sealed record Step<T>(T Result, bool Stale, bool Ended);
}

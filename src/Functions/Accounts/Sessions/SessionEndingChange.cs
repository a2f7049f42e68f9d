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

    /// <summary>The most actions one Table Storage transaction (entity-group transaction) holds.</summary>
    public const int MaxActionsPerTransaction = 100;

    /// <summary>
    /// Reads the account, lists its sessions, and lets <paramref name="decide"/> apply a rule. When the decision writes and says
    /// <c>EndsSessions</c>, every session of the account but <paramref name="keep"/> is deleted in the same transaction, and then
    /// the <see cref="ISessionsEndedObserver"/>s are told, with <paramref name="reason"/> (one of <see cref="SessionEndReasons"/>).
    /// The transaction never holds more than <see cref="MaxActionsPerTransaction"/> actions (the account row, the decision's own
    /// rows, the ends): sessions beyond that, piled up before the session limit (rule SE19), end first, oldest first, outside it.
    /// <paramref name="decide"/> gets null when the account does not exist, and may run more than once. <paramref name="readAlso"/>
    /// reads what else the decision needs, each attempt, after the account row: rows that change only with the account row (a
    /// passkey) are then as current as the ETag the change is written on, and one added since makes the write lose its race.
    /// </summary>
    public async Task<T> RunAsync<T>(
        string accountId,
        SessionEntity? keep,
        string reason,
        Func<AccountEntity?, (AccountChange<T> Change, bool EndsSessions)> decide,
        CancellationToken cancellationToken,
        Func<CancellationToken, Task>? readAlso = null)
    {
        var endedEarly = new List<SessionEntity>();
        for (var attempt = 1; ; attempt++)
        {
            var account = await store.FindAsync(accountId, cancellationToken);
            if (account is null)
            {
                return decide(null).Change.Result;
            }

            if (readAlso is not null)
            {
                await readAlso(cancellationToken);
            }

            var others = (await sessions.ListAsync(accountId, cancellationToken)).Where(s => s.RowKey != keep?.RowKey).ToList();
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

                    var room = MaxActionsPerTransaction - 1 - (change.Extra?.Count ?? 0);
                    if (others.Count > room)
                    {
                        return AccountChange<Step<T>>.ReadOnly(new Step<T>(change.Result, true, false, others.Count - room));
                    }

                    var actions = new List<TableTransactionAction>(change.Extra ?? []);
                    actions.AddRange(others.Select(SessionService.End));
                    return new AccountChange<Step<T>>(new Step<T>(change.Result, false, true), true, actions);
                }, cancellationToken);

                if (step.Overflow > 0)
                {
                    // Too many to end with the change: the oldest end first, outside it; then the sessions are listed again.
                    var oldest = others.OrderBy(s => s.CreatedAt).Take(step.Overflow).ToList();
                    await EndAsync(oldest, cancellationToken);
                    endedEarly.AddRange(oldest);
                }

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
                throw new InvalidOperationException($"The sessions of an account changed {MaxAttempts} times during one change that ends them.");
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
    /// <param name="Overflow">How many sessions did not fit in the transaction: they end first, outside it.</param>
    private sealed record Step<T>(T Result, bool Stale, bool Ended, int Overflow = 0);
}

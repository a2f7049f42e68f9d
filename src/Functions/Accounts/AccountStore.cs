using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// Reads and writes account rows. Every change is conditional on the row's ETag and retried on a
/// conflict, so parallel requests for one account are applied one after the other, never lost.
/// </summary>
public sealed class AccountStore(PortalTables tables)
{
    /// <summary>How often a change is retried after losing a race: enough for dozens of parallel requests.</summary>
    public const int MaxConflictRetries = 40;

    public async Task<AccountEntity?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<AccountEntity>(accountId, AccountEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// The account row and the rows of its partition named by <paramref name="rowKeys"/> (a session, a passkey), read with one
    /// query. Its RowKey range stops the service from looking at the partition's other rows (the audit trail's keys sort
    /// before <c>account</c>).
    /// </summary>
    public async Task<AccountRows> ReadAsync(string accountId, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        string[] keys = [AccountEntity.Row, .. rowKeys.Distinct(StringComparer.Ordinal)];
        var first = keys.Min(StringComparer.Ordinal)!;
        var last = keys.Max(StringComparer.Ordinal)!;
        var any = string.Join(" or ", keys.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {first} and RowKey le {last}") + " and (" + any + ")";
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: keys.Length, cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }

        return new AccountRows(rows.TryGetValue(AccountEntity.Row, out var account) ? TableRows.As<AccountEntity>(account) : null, rows);
    }

    public async Task<string?> FindIdByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AccountEmails, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<AccountEmailEntity>(EmailKey.For(email), AccountEmailEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.AccountId : null;
    }

    /// <summary>
    /// The ids of the accounts of a claim: one partition query over the claim's index rows (never a table scan). An id whose
    /// account row is gone (an interrupted creation) may be among them; the caller reads each account.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindIdsByClaimNumberAsync(string claimNumber, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.AccountClaims, cancellationToken);
        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ClaimKey.For(claimNumber)}");
        await foreach (var row in table.QueryAsync<AccountClaimEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
        }

        return ids;
    }

    /// <summary>Writes the claim index row of <paramref name="account"/> (idempotent), as account creation does.</summary>
    public async Task IndexClaimAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var claims = await tables.GetAsync(TableNames.AccountClaims, cancellationToken);
        await claims.UpsertEntityAsync(ClaimRow(account), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Writes the claim index row of <paramref name="account"/> when it is missing (one read; a write only then): support's lookup
    /// by email does this, so an account created before the index existed is found by claim number once it was found by email.
    /// </summary>
    public async Task EnsureClaimIndexedAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var claims = await tables.GetAsync(TableNames.AccountClaims, cancellationToken);
        var row = ClaimRow(account);
        if (!(await claims.GetEntityIfExistsAsync<AccountClaimEntity>(row.PartitionKey, row.RowKey, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            await claims.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private static AccountClaimEntity ClaimRow(AccountEntity account)
        => new() { PartitionKey = ClaimKey.For(account.ClaimNumber), RowKey = account.PartitionKey };

    /// <summary>
    /// Adds a new account; false when its email is taken. The account row goes first, then its claim index row, and the email
    /// row, inserted without overwrite, last: of two parallel creations one gets the email and the other removes its rows, and a
    /// storage outage before the email row leaves only rows that no email points to, never an email that refuses every retry.
    /// </summary>
    public async Task<bool> TryCreateAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var accounts = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        try
        {
            await accounts.AddEntityAsync(account, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // The id is a new GUID: a conflict is this insert retried after a try whose answer was lost but whose row was stored.
        }

        // Idempotent, so a retry after a lost answer is harmless; an account with an email row always has its claim row.
        await IndexClaimAsync(account, cancellationToken);

        var emails = await tables.GetAsync(TableNames.AccountEmails, cancellationToken);
        var email = new AccountEmailEntity { PartitionKey = EmailKey.For(account.Email), AccountId = account.PartitionKey };
        try
        {
            await emails.AddEntityAsync(email, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            if (await FindIdByEmailAsync(account.Email, CancellationToken.None) == account.PartitionKey)
            {
                // This insert retried after a try whose answer was lost but whose row was stored: the email is ours.
                return true;
            }

            var claims = await tables.GetAsync(TableNames.AccountClaims, CancellationToken.None);
            await claims.DeleteEntityAsync(ClaimKey.For(account.ClaimNumber), account.PartitionKey, cancellationToken: CancellationToken.None);
            await accounts.DeleteEntityAsync(account.PartitionKey, account.RowKey, cancellationToken: CancellationToken.None);
            return false;
        }
    }

    /// <summary>
    /// Reads the account, lets <paramref name="decide"/> apply a rule to it, and writes the result
    /// conditionally; on a conflict it starts again from a fresh read.
    /// <paramref name="decide"/> gets null when the account does not exist.
    /// </summary>
    public Task<T> ChangeAsync<T>(string accountId, Func<AccountEntity?, AccountChange<T>> decide, CancellationToken cancellationToken)
        => ChangeAsync(accountId, null, decide, cancellationToken);

    /// <summary>
    /// As <see cref="ChangeAsync{T}(string, Func{AccountEntity?, AccountChange{T}}, CancellationToken)"/>, deciding first on
    /// <paramref name="read"/>, the row this request has already read (so the request reads it once); a lost race reads it afresh.
    /// </summary>
    public Task<T> ChangeAsync<T>(AccountEntity read, Func<AccountEntity?, AccountChange<T>> decide, CancellationToken cancellationToken)
        => ChangeAsync(read.PartitionKey, read, decide, cancellationToken);

    /// <summary>
    /// As <see cref="ChangeAsync{T}(AccountEntity, Func{AccountEntity?, AccountChange{T}}, CancellationToken)"/>, for a decision on
    /// several rows of the partition read together (<see cref="ReadAsync"/>: the account, a session, a passkey), whose transaction
    /// may be conditional on any of them: a lost race reads them all again, with <paramref name="rowKeys"/>, and decides again.
    /// </summary>
    public async Task<T> ChangeAsync<T>(AccountRows read, string accountId, IReadOnlyCollection<string> rowKeys, Func<AccountRows, Task<AccountChange<T>>> decide, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var rows = attempt == 0 ? read : await ReadAsync(accountId, rowKeys, cancellationToken);
            var change = await decide(rows);
            if (rows.Account is not { } account || !change.Write)
            {
                return change.Result;
            }

            if (await TryWriteAsync(table, account, change.Extra, cancellationToken))
            {
                return change.Result;
            }

            if (attempt >= MaxConflictRetries)
            {
                throw new InvalidOperationException($"Account change lost {MaxConflictRetries} races in a row.");
            }
        }
    }

    private async Task<T> ChangeAsync<T>(string accountId, AccountEntity? read, Func<AccountEntity?, AccountChange<T>> decide, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var account = attempt == 0 && read is not null ? read : await FindAsync(accountId, cancellationToken);
            var change = decide(account);
            if (account is null || !change.Write)
            {
                return change.Result;
            }

            if (await TryWriteAsync(table, account, change.Extra, cancellationToken))
            {
                return change.Result;
            }

            if (attempt >= MaxConflictRetries)
            {
                throw new InvalidOperationException($"Account change lost {MaxConflictRetries} races in a row.");
            }
        }
    }

    private static async Task<bool> TryWriteAsync(TableClient table, AccountEntity account, IReadOnlyList<TableTransactionAction>? extra, CancellationToken cancellationToken)
    {
        try
        {
            if (extra is not { Count: > 0 })
            {
                var response = await table.UpdateEntityAsync(account, account.ETag, TableUpdateMode.Replace, cancellationToken);
                account.ETag = response.Headers.ETag ?? account.ETag;
                return true;
            }

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, account, account.ETag) };
            actions.AddRange(extra);
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // Also catches TableTransactionFailedException: another request changed the account first.
            return false;
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && extra is { Count: > 0 })
        {
            // A session row in the transaction was deleted meanwhile (a parallel step ended it).
            throw new LinkedRowGoneException();
        }
    }
}

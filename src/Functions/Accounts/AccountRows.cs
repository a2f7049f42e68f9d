using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Accounts;

/// <summary>What one query read of an account's partition: the account row (null when there is none) and the other rows asked for, by row key.</summary>
public sealed class AccountRows(AccountEntity? account, IReadOnlyDictionary<string, TableEntity> rows)
{
    public AccountEntity? Account => account;

    /// <summary>The row with <paramref name="rowKey"/> as its entity class; null when the partition has none.</summary>
    public T? Get<T>(string rowKey)
        where T : class, ITableEntity, new()
        => rows.TryGetValue(rowKey, out var row) ? TableRows.As<T>(row) : null;
}

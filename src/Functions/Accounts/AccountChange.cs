using Azure.Data.Tables;

namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// What a rule decided for an account: the result to return, whether the (changed) account row must be
/// written, and further writes in the same partition (sessions) that go with it in one transaction.
/// </summary>
public sealed record AccountChange<T>(T Result, bool Write, IReadOnlyList<TableTransactionAction>? Extra = null)
{
    public static AccountChange<T> ReadOnly(T result) => new(result, false);

    public static AccountChange<T> Save(T result, params TableTransactionAction[] extra) => new(result, true, extra);
}

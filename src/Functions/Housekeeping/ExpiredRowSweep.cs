using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>
/// Deletes the rows a query finds, a page at a time, each on the ETag it was read with: a row changed since (a session
/// touched, a counter counted) or already deleted (a parallel run) is left alone, so two runs at once delete each row once.
/// </summary>
internal static class ExpiredRowSweep
{
    /// <summary>Rows per page: one page's deletes run a few at a time, then the time budget is checked.</summary>
    public const int PageSize = 200;

    private const int ParallelDeletes = 4;

    /// <summary>Deletes what <paramref name="filter"/> finds and <paramref name="stillExpired"/> confirms; false when the budget ran out first.</summary>
    public static async Task<bool> RunAsync<T>(
        TableClient table,
        string filter,
        Func<T, bool> stillExpired,
        Func<bool> budgetLeft,
        Action<int> deleted,
        CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        try
        {
            await foreach (var page in table.QueryAsync<T>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages())
            {
                var count = 0;
                await Parallel.ForEachAsync(
                    page.Values.Where(stillExpired),
                    new ParallelOptions { MaxDegreeOfParallelism = ParallelDeletes, CancellationToken = cancellationToken },
                    async (row, token) =>
                    {
                        if (await TryDeleteAsync(table, row, token))
                        {
                            Interlocked.Increment(ref count);
                        }
                    });
                deleted(count);
                if (!budgetLeft())
                {
                    return false;
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && exception.ErrorCode == "TableNotFound")
        {
            // Nothing was ever written to this table.
        }

        return true;
    }

    private static async Task<bool> TryDeleteAsync(TableClient table, ITableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            // A row already gone answers 404; the client returns that rather than throwing.
            var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            return !response.IsError;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Deleted by a parallel run, or changed since it was read (and so perhaps no longer expired).
            return false;
        }
    }
}

using Azure;
using Azure.Data.Tables;
namespace CustomerPortal.Functions.Storage;

/// <summary>
/// The counters of limits (<see cref="WindowCounter"/>: SMS sends, password-reset requests), changed only with optimistic
/// concurrency (insert, or update with If-Match on the ETag read), so parallel requests can never count past a limit.
/// </summary>
public sealed class CounterStore(PortalTables tables)
{
    public const string CountProperty = "Count";
    public const string ExpiresAtProperty = "ExpiresAt";

    // Each lost race means another request's write won, so attempts are bounded by the contenders.
    private const int MaxAttempts = 32;

    /// <summary>Adds one to the counter unless it is already at <paramref name="limit"/>; returns the new count, or null when refused.</summary>
    public async Task<int?> TryIncrementAsync(WindowCounter key, int limit, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(key.Table, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
            var count = current.HasValue ? current.Value!.GetInt32(CountProperty) ?? 0 : 0;
            if (count >= limit)
            {
                return null;
            }

            try
            {
                if (current.HasValue)
                {
                    var update = new TableEntity(key.PartitionKey, key.RowKey) { [CountProperty] = count + 1 };
                    await table.UpdateEntityAsync(update, current.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                else
                {
                    // ExpiresAt lets a clean-up job delete ended windows by a filter, without knowing the scopes.
                    var created = new TableEntity(key.PartitionKey, key.RowKey) { [CountProperty] = 1, [ExpiresAtProperty] = key.WindowEnd };
                    await table.AddEntityAsync(created, cancellationToken);
                }

                return count + 1;
            }
            catch (RequestFailedException exception) when (IsLostRace(exception) && attempt < MaxAttempts)
            {
                await BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    /// <summary>Takes one back (e.g. a send refused by a later limit); false when it could not, which errs on the side of refusing.</summary>
    public async Task<bool> TryDecrementAsync(WindowCounter key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(key.Table, cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken);
            var count = current.HasValue ? current.Value!.GetInt32(CountProperty) ?? 0 : 0;
            if (count <= 0)
            {
                return false;
            }

            try
            {
                var update = new TableEntity(key.PartitionKey, key.RowKey) { [CountProperty] = count - 1 };
                await table.UpdateEntityAsync(update, current.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (IsLostRace(exception))
            {
                await BackOffAsync(attempt, cancellationToken);
            }
        }

        return false;
    }

    private static bool IsLostRace(RequestFailedException exception) => exception.Status is 409 or 412;

    // A few random milliseconds spread the losers of a race apart, so they do not collide again in step.
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), cancellationToken);
}

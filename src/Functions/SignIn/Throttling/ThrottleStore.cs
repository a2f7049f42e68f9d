using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>
/// The sign-in throttle's rows in the <c>SignInThrottle</c> table, changed only with optimistic concurrency, so parallel sign-ins
/// count exactly. An address's row and its range's row share the range's partition (<c>range-{key}</c>: row <c>{window}</c> for the
/// range, <c>{window}-{address key}</c> for the address), so both are read with one query and changed in one transaction; the
/// service-wide count is spread over shard partitions (<c>all-{NN}</c>, row <c>{window}</c>), each read and written alone.
/// </summary>
public sealed class ThrottleStore(PortalTables tables, IOptions<SignInThrottleOptions> options, IOptions<EncryptionOptions> encryption)
{
    public const string CountProperty = "Count";
    public const string ExpiresAtProperty = "ExpiresAt";

    // Each lost race means another request's write won; this bounds a request's retries, not the contenders.
    private const int MaxAttempts = 40;

    private readonly byte[] addressKey = HKDF.DeriveKey(
        HashAlgorithmName.SHA256, KeyRing.Create(encryption.Value).ActiveKey, 32, salt: [], info: "sign-in-throttle"u8.ToArray());

    /// <summary>The client address's keys, or null when it is unknown (then only the service-wide count applies).</summary>
    public ThrottleAddress? AddressOf(string clientIp) => ThrottleAddress.For(clientIp, addressKey);

    /// <summary>Reads the counts for a request, in parallel: the range partition's two rows (one query) and one random shard.</summary>
    public async Task<ThrottleCounts> ReadAsync(ThrottleAddress? address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = ThrottleWindow.At(now, options.Value.Window);
        var shard = RandomNumberGenerator.GetInt32(options.Value.ServiceWideShards);
        var rows = address is null ? Task.FromResult((default(CounterRow), default(CounterRow))) : ReadRangeAsync(address, window, cancellationToken);
        var shardRow = ReadShardAsync(shard, window, cancellationToken);
        await Task.WhenAll(rows, shardRow);
        var (addressRow, rangeRow) = await rows;
        return new ThrottleCounts(address, addressRow, rangeRow, shard, await shardRow, window);
    }

    /// <summary>Reads the address's and the range's rows again (after a lost race), keeping the shard as read.</summary>
    public async Task<ThrottleCounts> RereadAsync(ThrottleCounts counts, CancellationToken cancellationToken)
    {
        var (addressRow, rangeRow) = await ReadRangeAsync(counts.Address!, counts.Window, cancellationToken);
        return counts with { AddressRow = addressRow, RangeRow = rangeRow };
    }

    /// <summary>
    /// Adds one to the address's and the range's counts in one transaction, on the ETags read; false when another request changed
    /// either first (read again and decide again). The new rows' ETags come back in <paramref name="counted"/>, for a give-back.
    /// </summary>
    public async Task<(bool Written, ThrottleCounts Counted)> TryCountAsync(ThrottleCounts counts, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.SignInThrottle, cancellationToken);
        var address = counts.Address!;
        var partition = Partition(address);
        var actions = new List<TableTransactionAction>
        {
            Change(partition, RangeRowKey(counts.Window), counts.RangeRow, +1, counts.Window),
            Change(partition, AddressRowKey(counts.Window, address), counts.AddressRow, +1, counts.Window),
        };
        try
        {
            var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
            var counted = counts with
            {
                RangeRow = new CounterRow(counts.RangeRow.Count + 1, responses[0].Headers.ETag),
                AddressRow = new CounterRow(counts.AddressRow.Count + 1, responses[1].Headers.ETag),
            };
            return (true, counted);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return (false, counts);
        }
    }

    /// <summary>
    /// Takes one back from the address's and the range's counts (a sign-in that succeeded is no failure); retries on lost races, and
    /// gives up after <see cref="MaxAttempts"/>, which errs on the side of counting.
    /// </summary>
    public async Task GiveBackAsync(ThrottleCounts counted, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.SignInThrottle, cancellationToken);
        var address = counted.Address!;
        var partition = Partition(address);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (counted.RangeRow is not { Count: > 0, ETag: not null } || counted.AddressRow is not { Count: > 0, ETag: not null })
            {
                return;
            }

            try
            {
                await table.SubmitTransactionAsync(
                    [
                        Change(partition, RangeRowKey(counted.Window), counted.RangeRow, -1, counted.Window),
                        Change(partition, AddressRowKey(counted.Window, address), counted.AddressRow, -1, counted.Window),
                    ],
                    cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                counted = await RereadAsync(counted, cancellationToken);
            }
        }
    }

    /// <summary>Adds one failed sign-in to the service-wide count, on the shard read; a lost race reads that shard again.</summary>
    public async Task CountServiceWideAsync(ThrottleCounts counts, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.SignInThrottle, cancellationToken);
        var row = counts.ShardRow;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                await table.SubmitTransactionAsync([Change(ShardPartition(counts.Shard), counts.Window.Key, row, +1, counts.Window)], cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                row = await ReadShardAsync(counts.Shard, counts.Window, cancellationToken);
            }
        }
    }

    private async Task<(CounterRow Address, CounterRow Range)> ReadRangeAsync(ThrottleAddress address, ThrottleWindow window, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.SignInThrottle, cancellationToken);
        var rangeKey = RangeRowKey(window);
        var addressKey = AddressRowKey(window, address);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(address)} and (RowKey eq {rangeKey} or RowKey eq {addressKey})");
        CounterRow range = default, own = default;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 2, cancellationToken: cancellationToken))
        {
            var read = new CounterRow(row.GetInt32(CountProperty) ?? 0, row.ETag);
            if (row.RowKey == rangeKey)
            {
                range = read;
            }
            else
            {
                own = read;
            }
        }

        return (own, range);
    }

    private async Task<CounterRow> ReadShardAsync(int shard, ThrottleWindow window, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.SignInThrottle, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ShardPartition(shard), window.Key, cancellationToken: cancellationToken);
        return row.HasValue ? new CounterRow(row.Value!.GetInt32(CountProperty) ?? 0, row.Value.ETag) : default;
    }

    // Insert a row not read (it fails with 409 when another request inserted it first), or change the one read on its ETag.
    private static TableTransactionAction Change(string partition, string rowKey, CounterRow row, int by, ThrottleWindow window)
    {
        if (row.ETag is not { } etag)
        {
            // ExpiresAt lets the housekeeping job delete ended windows with a filter.
            return new(TableTransactionActionType.Add, new TableEntity(partition, rowKey) { [CountProperty] = Math.Max(0, by), [ExpiresAtProperty] = window.End });
        }

        return new(TableTransactionActionType.UpdateMerge, new TableEntity(partition, rowKey) { [CountProperty] = Math.Max(0, row.Count + by) }, etag);
    }

    private static string Partition(ThrottleAddress address) => "range-" + address.RangeKey;

    private static string ShardPartition(int shard) => $"all-{shard:D2}";

    private static string RangeRowKey(ThrottleWindow window) => window.Key;

    private static string AddressRowKey(ThrottleWindow window, ThrottleAddress address) => window.Key + "-" + address.AddressKey;
}

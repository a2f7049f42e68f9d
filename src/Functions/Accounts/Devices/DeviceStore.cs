using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Accounts.Devices;

/// <summary>
/// The one writer of remembered-device rows. A device is remembered in the account change that proves a second factor
/// (<see cref="Remember"/>, a transaction action), so it starts in a conditional write of the account row as sessions do.
/// Its failure count changes only with If-Match on the ETag read, so parallel wrong passwords from one device count exactly.
/// </summary>
public sealed class DeviceStore(PortalTables tables)
{
    /// <summary>The device row a cookie names, expired or not; null when there is none (never remembered, forgotten, or forged).</summary>
    public async Task<DeviceEntity?> FindAsync(AccountToken cookie, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<DeviceEntity>(cookie.AccountId, RowKeyOf(cookie), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Whether <paramref name="device"/> is a live remembered device of <paramref name="accountId"/>.</summary>
    public static bool IsRemembered(DeviceEntity? device, string accountId, DateTimeOffset now)
        => device is not null && device.PartitionKey == accountId && now < device.ExpiresAt;

    /// <summary>A new remembered device and its cookie, as a transaction action to write with the account change that proved a second factor.</summary>
    public static (AccountToken Cookie, TableTransactionAction Insert) Remember(string accountId, string name, DateTimeOffset now)
    {
        var cookie = new AccountToken(accountId, SecureTokens.NewToken());
        var device = new DeviceEntity
        {
            PartitionKey = accountId,
            RowKey = RowKeyOf(cookie),
            Name = name,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + DeviceRules.Lifetime,
        };
        return (cookie, new TableTransactionAction(TableTransactionActionType.Add, device));
    }

    /// <summary>
    /// The action that records a right password from <paramref name="device"/>, to go with the sign-in's account change: its
    /// failure count back to 0 and, at most hourly, its last-used time. Written on the ETag the device was read with, so a
    /// success decided before parallel wrong guesses from the same device were counted (or forgot it) loses and is decided again.
    /// </summary>
    public static TableTransactionAction Used(DeviceEntity device, DateTimeOffset now)
    {
        var change = new TableEntity(device.PartitionKey, device.RowKey) { [nameof(DeviceEntity.Failures)] = 0 };
        if (now - device.LastUsedAt >= DeviceRules.LastUsedResolution)
        {
            change[nameof(DeviceEntity.LastUsedAt)] = now;
        }

        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, change, device.ETag);
    }

    /// <summary>
    /// Counts a wrong password from <paramref name="device"/> on the ETag it was read with; the count that reaches
    /// <see cref="DeviceRules.FailuresBeforeForget"/> deletes the row instead. <see cref="DeviceFailure.Stale"/> when the row
    /// changed or went since it was read: the caller reads it again and decides again.
    /// </summary>
    public async Task<DeviceFailure> RecordFailureAsync(DeviceEntity device, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        try
        {
            if (device.Failures + 1 >= DeviceRules.FailuresBeforeForget)
            {
                var deleted = await table.DeleteEntityAsync(device.PartitionKey, device.RowKey, device.ETag, cancellationToken);
                return deleted.IsError ? DeviceFailure.Stale : DeviceFailure.Forgotten;
            }

            var count = new TableEntity(device.PartitionKey, device.RowKey) { [nameof(DeviceEntity.Failures)] = device.Failures + 1 };
            await table.UpdateEntityAsync(count, device.ETag, TableUpdateMode.Merge, cancellationToken);
            return DeviceFailure.Counted;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return DeviceFailure.Stale;
        }
    }

    /// <summary>Every device row of the account, expired ones included (one range query in its partition).</summary>
    public async Task<IReadOnlyList<DeviceEntity>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {DeviceEntity.RowPrefix} and RowKey lt {DeviceEntity.RowPrefixEnd}");
        var rows = new List<DeviceEntity>();
        await foreach (var row in table.QueryAsync<DeviceEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Deletes the rows; answers how many were still there.</summary>
    public async Task<int> ForgetAsync(IEnumerable<DeviceEntity> devices, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var forgotten = 0;
        foreach (var device in devices)
        {
            // A row already gone answers 404, which the client returns rather than throws.
            var response = await table.DeleteEntityAsync(device.PartitionKey, device.RowKey, ETag.All, cancellationToken);
            if (!response.IsError)
            {
                forgotten++;
            }
        }

        return forgotten;
    }

    /// <summary>The row key of the device a cookie names: the cookie's token is never stored, only its hash.</summary>
    public static string RowKeyOf(AccountToken cookie) => DeviceEntity.RowPrefix + SecureTokens.Hash(cookie.Secret);
}

/// <summary>What counting a wrong password from a remembered device did.</summary>
public enum DeviceFailure
{
    /// <summary>The count went up by one.</summary>
    Counted,

    /// <summary>It was the last allowed: the device is forgotten.</summary>
    Forgotten,

    /// <summary>The row changed or went since it was read: read it again and decide again.</summary>
    Stale,
}

using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Storage;

/// <summary>Hands out table clients, creating each table once per process on first use.</summary>
public sealed class PortalTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new(StringComparer.Ordinal);

    public TableServiceClient Service => service;

    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var lazy = tables.GetOrAdd(name, key => new Lazy<Task<TableClient>>(() => CreateAsync(key, cancellationToken)));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed creation (storage down) is retried by the next caller instead of being cached.
            tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
        }

        return task;
    }

    /// <summary>A client for a table that may not exist, without creating it (a clean-up job must not create an empty table).</summary>
    public TableClient Existing(string name) => service.GetTableClient(options.Value.TablePrefix + name);

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(options.Value.TablePrefix + name);
        await client.CreateIfNotExistsAsync(cancellationToken);
        return client;
    }
}

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
        Lazy<Task<TableClient>> Add() => tables.GetOrAdd(name, key => new Lazy<Task<TableClient>>(() => CreateAsync(key, cancellationToken)));

        var lazy = Add();
        if (lazy.IsValueCreated && (lazy.Value.IsFaulted || lazy.Value.IsCanceled))
        {
            // An earlier creation failed (storage down, or its request cancelled): this caller starts a new one instead of
            // getting the old failure after storage is back.
            tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
            lazy = Add();
        }

        return lazy.Value;
    }

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(options.Value.TablePrefix + name);
        await client.CreateIfNotExistsAsync(cancellationToken);
        return client;
    }
}

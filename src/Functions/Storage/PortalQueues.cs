using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Storage;

/// <summary>Hands out queue clients, creating each queue once per process on first use (as <see cref="PortalTables"/> does tables).</summary>
public sealed class PortalQueues(QueueServiceClient service, IOptions<OutboxOptions> outbox)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> queues = new(StringComparer.Ordinal);

    /// <summary>The outbox queue (<see cref="OutboxOptions.QueueName"/>).</summary>
    public Task<QueueClient> OutboxAsync(CancellationToken cancellationToken = default) => GetAsync(outbox.Value.QueueName, cancellationToken);

    /// <summary>The events queue (<see cref="OutboxOptions.EventsQueueName"/>).</summary>
    public Task<QueueClient> EventsAsync(CancellationToken cancellationToken = default) => GetAsync(outbox.Value.EventsQueueName, cancellationToken);

    /// <summary>The webhook dead-letter queue (<see cref="OutboxOptions.DeadLetterQueueName"/>).</summary>
    public Task<QueueClient> DeadLetterAsync(CancellationToken cancellationToken = default) => GetAsync(outbox.Value.DeadLetterQueueName, cancellationToken);

    /// <summary>The back-channel logout queue (<see cref="OutboxOptions.LogoutQueueName"/>).</summary>
    public Task<QueueClient> LogoutAsync(CancellationToken cancellationToken = default) => GetAsync(outbox.Value.LogoutQueueName, cancellationToken);

    public Task<QueueClient> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        Lazy<Task<QueueClient>> Add() => queues.GetOrAdd(name, key => new Lazy<Task<QueueClient>>(() => CreateAsync(key, cancellationToken)));

        var lazy = Add();
        if (lazy.IsValueCreated && (lazy.Value.IsFaulted || lazy.Value.IsCanceled))
        {
            queues.TryRemove(new KeyValuePair<string, Lazy<Task<QueueClient>>>(name, lazy));
            lazy = Add();
        }

        return lazy.Value;
    }

    private async Task<QueueClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = service.GetQueueClient(name);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return client;
    }
}

using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// Sends what the outbox queue holds. The queue is named by the app setting <c>OutboxQueue</c>; the connection is the host's
/// own storage account (<c>AzureWebJobsStorage</c>), where the app writes the messages. Retries and the poison queue are the
/// host's (host.json, <c>extensions:queues</c>).
/// </summary>
public sealed class EmailQueueFunction(EmailDelivery delivery)
{
    [Function(nameof(SendOutboxEmail))]
    public Task SendOutboxEmail([QueueTrigger("%OutboxQueue%")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return delivery.DeliverAsync(message.MessageText, message.DequeueCount, cancellationToken);
    }
}

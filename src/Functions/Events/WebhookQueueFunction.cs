using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Events;

/// <summary>
/// Delivers what the events queue holds (app setting <c>EventsQueue</c>, in the host's own storage account). Retries of a
/// subscriber that fails are new messages with a wait (<see cref="WebhookDelivery"/>); the host's own retries and poison queue
/// are only for a message the function cannot handle at all.
/// </summary>
public sealed class WebhookQueueFunction(WebhookDelivery delivery)
{
    [Function(nameof(DeliverEvent))]
    public Task DeliverEvent([QueueTrigger("%EventsQueue%")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return delivery.DeliverAsync(message.MessageText, message.DequeueCount, cancellationToken);
    }
}

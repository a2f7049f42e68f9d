using System.Text.Json;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Events;

/// <summary>
/// Publishes events: a request writes one message to the events queue (Azure Queue Storage) after the change it reports is
/// stored, and the queue-triggered <see cref="WebhookQueueFunction"/> delivers it to each subscriber (<see cref="WebhookDelivery"/>).
/// With no subscriber configured nothing is written: an event costs a request only where someone listens.
/// </summary>
public sealed partial class EventOutbox(
    PortalQueues queues,
    SecretProtector protector,
    IOptions<WebhookOptions> options,
    ILogger<EventOutbox> logger)
{
    /// <summary>The encryption purpose of an event's payload; the event id is appended.</summary>
    public const string Purpose = "outbox-event:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the event to the events queue (once this returns it will be delivered even if this instance stops); null: nothing.</summary>
    public async Task PublishAsync(PortalEvent? portalEvent)
    {
        if (portalEvent is null || !options.Value.Any)
        {
            return;
        }

        await SendAsync(new EventMessage(portalEvent.Id, EventMessage.Kinds.Event, portalEvent.Type, null, 0, Protect(portalEvent)), TimeSpan.Zero);
        LogQueued(logger, portalEvent.Type, portalEvent.AccountId, portalEvent.Id);
    }

    /// <summary>Reads a queue message and its event.</summary>
    /// <exception cref="JsonException">Not an events message.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Altered, or its key is no longer configured.</exception>
    public (EventMessage Message, PortalEvent Event) Read(string text)
    {
        var message = JsonSerializer.Deserialize<EventMessage>(text, Json) ?? throw new JsonException("An empty events message.");
        var json = protector.Unprotect(message.Payload ?? throw new JsonException("An events message without its payload."), Purpose + message.Id);
        var portalEvent = JsonSerializer.Deserialize<PortalEvent>(json, Json) ?? throw new JsonException("An empty event.");
        if (portalEvent.Id != message.Id)
        {
            throw new JsonException("An events message whose payload is another event's.");
        }

        return (message, portalEvent);
    }

    /// <summary>The event encrypted for a queue message.</summary>
    public string Protect(PortalEvent portalEvent) => protector.Protect(JsonSerializer.Serialize(portalEvent, Json), Purpose + portalEvent.Id);

    /// <summary>Writes <paramref name="message"/> to the events queue, invisible for <paramref name="delay"/> (a retry's wait).</summary>
    public async Task SendAsync(EventMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var queue = await queues.EventsAsync(cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, Json), visibilityTimeout: delay > TimeSpan.Zero ? delay : null, cancellationToken: cancellationToken);
    }

    /// <summary>Writes a delivery that used its last retry to the dead-letter queue, kept until an operator removes it.</summary>
    public async Task DeadLetterAsync(EventMessage message, CancellationToken cancellationToken)
    {
        var queue = await queues.DeadLetterAsync(cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, Json), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }

    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "Event {Type} for account {AccountId} queued as {EventId}")]
    private static partial void LogQueued(ILogger logger, string type, string accountId, string eventId);
}

using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace CustomerPortal.Functions.Events;

/// <summary>
/// Delivers the events queue's messages. An event becomes one delivery per subscriber that wants its type; a delivery is one
/// signed POST (CloudEvents 1.0 structured JSON, Standard Webhooks headers). A subscriber that does not answer 2xx in time gets
/// the delivery again after each wait of <see cref="WebhookOptions.Delays"/> (at least 24 hours in all; the wait is the queue
/// message's invisibility, so no instance holds it), then it goes to the dead-letter queue, counted. Every delivery of one
/// event carries the same <c>webhook-id</c> (the event id), so a subscriber that stores the ids it has processed sees each event once.
/// </summary>
public sealed partial class WebhookDelivery(
    EventOutbox outbox,
    IHttpClientFactory http,
    IOptions<WebhookOptions> options,
    IOptions<OutboxOptions> outboxOptions,
    IOptions<PortalOptions> portal,
    PortalMetrics metrics,
    TimeProvider time,
    ILogger<WebhookDelivery> logger)
{
    public const string HttpClientName = "webhooks";

    /// <summary>The CloudEvents content type of a delivery's body.</summary>
    public const string ContentType = "application/cloudevents+json";

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private static readonly JsonEventFormatter Formatter = new(DataJson, default);

    /// <param name="text">The queue message's text.</param>
    /// <param name="dequeueCount">Which delivery of the queue message this is (the host's count, for crashes; retries are new messages).</param>
    /// <param name="cancellationToken">The host stopping.</param>
    public async Task DeliverAsync(string text, long dequeueCount, CancellationToken cancellationToken)
    {
        EventMessage message;
        PortalEvent portalEvent;
        try
        {
            (message, portalEvent) = outbox.Read(text);
        }
        catch (Exception exception) when (exception is JsonException or System.Security.Cryptography.CryptographicException)
        {
            // Not ours, altered, or under a key no longer configured: no delivery will read it; the host moves it to the poison queue.
            LogUnreadable(logger, exception.GetType().Name, dequeueCount);
            if (dequeueCount >= outboxOptions.Value.MaxDequeueCount)
            {
                metrics.Poisoned("event");
            }

            throw;
        }

        if (message.Kind == EventMessage.Kinds.Event)
        {
            // One delivery per subscriber. A fan-out cut short is delivered again and fans out again: a subscriber may then get
            // the event twice, with the same webhook-id both times.
            foreach (var (name, _) in options.Value.Subscribers.Where(s => s.Value.Wants(message.Type)))
            {
                await outbox.SendAsync(message with { Kind = EventMessage.Kinds.Delivery, Subscriber = name, Attempt = 1 }, TimeSpan.Zero, cancellationToken);
            }

            return;
        }

        if (message.Subscriber is null || !options.Value.Subscribers.TryGetValue(message.Subscriber, out var subscriber))
        {
            LogNoSubscriber(logger, message.Subscriber ?? "-", message.Id);
            return;
        }

        var failure = await PostAsync(subscriber, portalEvent, cancellationToken);
        if (failure is null)
        {
            metrics.Webhook(message.Subscriber, "delivered");
            LogDelivered(logger, message.Type, message.Subscriber, message.Id, message.Attempt);
            return;
        }

        var delays = options.Value.Delays;
        if (message.Attempt <= delays.Count)
        {
            var wait = delays[message.Attempt - 1];
            await outbox.SendAsync(message with { Attempt = message.Attempt + 1 }, wait, cancellationToken);
            metrics.Webhook(message.Subscriber, "retried");
            LogRetried(logger, message.Type, message.Subscriber, message.Id, message.Attempt, failure, wait);
            return;
        }

        await outbox.DeadLetterAsync(message, cancellationToken);
        metrics.Webhook(message.Subscriber, "dead_lettered");
        LogDeadLettered(logger, message.Type, message.Subscriber, message.Id, message.Attempt, failure, outboxOptions.Value.DeadLetterQueueName);
    }

    /// <summary>The body of a delivery to <paramref name="subscriber"/>: the email only where the subscriber takes contact details.</summary>
    public string Body(WebhookSubscriber subscriber, PortalEvent portalEvent)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = portalEvent.Id,
            Type = portalEvent.Type,
            Source = new Uri(portal.Value.PublicOrigin, "/"),
            Subject = portalEvent.AccountId,
            Time = portalEvent.Time,
            DataContentType = MediaTypeNames.Application.Json,
            Data = new EventData(portalEvent.AccountId, portalEvent.ClaimNumber, subscriber.IncludeEmail ? portalEvent.Email : null, portalEvent.Method, portalEvent.Lock),
        };
        return Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }

    // Null when the subscriber took it; else a short reason for the log (status code or error type, never the body).
    private async Task<string?> PostAsync(WebhookSubscriber subscriber, PortalEvent portalEvent, CancellationToken cancellationToken)
    {
        var body = Body(subscriber, portalEvent);
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscriber.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, ContentType),
        };
        request.Headers.Add("webhook-id", portalEvent.Id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(subscriber.Key()).Sign(portalEvent.Id, now, body));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return exception is OperationCanceledException ? "timeout" : exception.GetType().Name;
        }
    }

    /// <summary>The CloudEvent's data: what every subscriber gets, and the email for those configured to receive it.</summary>
    private sealed record EventData(string AccountId, string? ClaimNumber, string? Email, string? Method, string? Lock);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Event {Type} ({EventId}) delivered to {Subscriber} (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string type, string subscriber, string eventId, int attempt);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Event {Type} ({EventId}) not taken by {Subscriber} (attempt {Attempt}: {Failure}); next try in {Wait}")]
    private static partial void LogRetried(ILogger logger, string type, string subscriber, string eventId, int attempt, string failure, TimeSpan wait);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Error, Message = "Event {Type} ({EventId}) not taken by {Subscriber} after {Attempt} attempts ({Failure}); moved to {DeadLetterQueue}")]
    private static partial void LogDeadLettered(ILogger logger, string type, string subscriber, string eventId, int attempt, string failure, string deadLetterQueue);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Warning, Message = "Event {EventId} names subscriber {Subscriber}, which is no longer configured; dropped")]
    private static partial void LogNoSubscriber(ILogger logger, string subscriber, string eventId);

    [LoggerMessage(EventId = 4605, Level = LogLevel.Error, Message = "An events message could not be read ({Error}, delivery {Delivery})")]
    private static partial void LogUnreadable(ILogger logger, string error, long delivery);
}

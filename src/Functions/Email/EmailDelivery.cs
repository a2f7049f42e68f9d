using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// Sends one outbox message. A failed send throws, so the Functions host makes the message visible again after
/// host.json's <c>visibilityTimeout</c> and tries again, up to <c>maxDequeueCount</c> (5) deliveries; after the last it moves the
/// message to the poison queue, and this counts it (<c>portal.outbox.poisoned</c>). Every delivery of one message carries its id
/// to the sender, so a delivery after a send whose answer was lost sends nothing twice.
/// </summary>
public sealed partial class EmailDelivery(
    EmailQueue queue,
    IEmailSender sender,
    PortalMetrics metrics,
    IOptions<OutboxOptions> options,
    ILogger<EmailDelivery> logger)
{
    /// <param name="text">The queue message's text.</param>
    /// <param name="dequeueCount">Which delivery of the message this is, from 1.</param>
    /// <param name="cancellationToken">The host stopping.</param>
    public async Task DeliverAsync(string text, long dequeueCount, CancellationToken cancellationToken)
    {
        var last = dequeueCount >= options.Value.MaxDequeueCount;
        QueuedEmail queued;
        EmailMessage? message;
        try
        {
            (queued, message) = queue.Read(text);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or System.Security.Cryptography.CryptographicException)
        {
            // Not ours, altered, or under a key no longer configured: no delivery will read it; it goes to the poison queue.
            LogUnreadable(logger, exception.GetType().Name, dequeueCount);
            Poisoned(last, "email");
            throw;
        }

        if (message is null)
        {
            return; // a decoy
        }

        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A sender reports provider failures as results; this is storage (the development outbox) or a bug.
            result = EmailSendResult.Failure(exception.GetType().Name);
        }

        metrics.Email(message.Tag, result.Accepted ? "sent" : "failed");
        if (result.Accepted)
        {
            LogSent(logger, message.Tag, queued.AccountId ?? "-", queued.Id, dequeueCount);
            return;
        }

        LogNotSent(logger, message.Tag, queued.AccountId ?? "-", queued.Id, dequeueCount, result.FailureReason ?? "unknown");
        Poisoned(last, "email");
        throw new EmailNotSentException(queued.Id, result.FailureReason);
    }

    private void Poisoned(bool last, string kind)
    {
        if (last)
        {
            metrics.Poisoned(kind);
            LogPoisoned(logger, kind, options.Value.PoisonQueueName);
        }
    }

    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Email {Tag} for account {AccountId} (outbox message {MessageId}, delivery {Delivery}) handed to the provider")]
    private static partial void LogSent(ILogger logger, string tag, string accountId, string messageId, long delivery);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "Email {Tag} for account {AccountId} (outbox message {MessageId}, delivery {Delivery}) was not sent: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string tag, string accountId, string messageId, long delivery, string reason);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Error, Message = "An outbox message could not be read ({Error}, delivery {Delivery})")]
    private static partial void LogUnreadable(ILogger logger, string error, long delivery);

    [LoggerMessage(EventId = 4506, Level = LogLevel.Error, Message = "An outbox {Kind} failed its last delivery and goes to the poison queue {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string kind, string poisonQueue);
}

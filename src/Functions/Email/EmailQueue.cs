using System.Text.Json;
using Azure.Storage.Queues;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// The outbox: a request writes its email to the outbox queue (Azure Queue Storage) before it answers, and the queue-triggered
/// <see cref="EmailQueueFunction"/> sends it. So no answer waits for the provider, no answer is slower because an email went,
/// a failed send never fails the customer's request, and an email survives the instance that queued it being recycled.
/// </summary>
/// <remarks>
/// The message is encrypted with the portal's key ring (AES-256-GCM, the purpose bound in with the message id): a reset or
/// enrolment link's token exists nowhere else, and the address is personal data (rule EM3). The write is not cancelled with the
/// request: the change the email reports is already stored.
/// </remarks>
public sealed partial class EmailQueue(PortalQueues queues, SecretProtector protector, TimeProvider time, ILogger<EmailQueue> logger)
{
    /// <summary>The encryption purpose of a queued email; the message id is appended, so a payload copied into another message does not decrypt.</summary>
    public const string Purpose = "outbox-email:";

    // A queue message holds 64 KiB of Base64 text: 48 KiB of JSON.
    private const int MaxMessageBytes = 48 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes <paramref name="message"/> to the outbox queue; once this returns, it will be sent even if this instance stops.</summary>
    /// <param name="message">The email.</param>
    /// <param name="accountId">The account it is about, for the log lines; never the address.</param>
    public async Task EnqueueAsync(EmailMessage message, string? accountId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = Guid.NewGuid().ToString();
        var payload = protector.Protect(JsonSerializer.Serialize(message, Json), Purpose + id);
        await WriteAsync(new QueuedEmail(id, QueuedEmail.Kinds.Email, time.GetUtcNow(), accountId, message.Tag, payload));
        LogQueued(logger, message.Tag, accountId ?? "-", id);
    }

    /// <summary>A message the trigger drops: the same queue write as an email, for a request that must not show whether it emailed.</summary>
    public Task EnqueueDecoyAsync()
        => WriteAsync(new QueuedEmail(Guid.NewGuid().ToString(), QueuedEmail.Kinds.Decoy, time.GetUtcNow(), null, null, null));

    /// <summary>Reads a queue message; the email of an <see cref="QueuedEmail.Kinds.Email"/> message decrypted, with its id and queue time.</summary>
    /// <exception cref="JsonException">Not an outbox message.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Altered, or its key is no longer configured.</exception>
    public (QueuedEmail Queued, EmailMessage? Message) Read(string text)
    {
        var queued = JsonSerializer.Deserialize<QueuedEmail>(text, Json) ?? throw new JsonException("An empty outbox message.");
        if (queued.Kind != QueuedEmail.Kinds.Email)
        {
            return (queued, null);
        }

        var json = protector.Unprotect(queued.Payload ?? throw new JsonException("An outbox email without its payload."), Purpose + queued.Id);
        var message = JsonSerializer.Deserialize<EmailMessage>(json, Json) ?? throw new JsonException("An empty outbox email.");
        return (queued, message with { Id = queued.Id, QueuedAt = queued.QueuedAt });
    }

    private async Task WriteAsync(QueuedEmail queued)
    {
        var text = JsonSerializer.Serialize(queued, Json);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxMessageBytes)
        {
            throw new InvalidOperationException($"An outbox message of {text.Length} characters is over the queue's 64 KiB.");
        }

        QueueClient queue = await queues.OutboxAsync(CancellationToken.None);
        await queue.SendMessageAsync(text, CancellationToken.None);
    }

    [LoggerMessage(EventId = 4504, Level = LogLevel.Information, Message = "Email {Tag} for account {AccountId} queued as outbox message {MessageId}")]
    private static partial void LogQueued(ILogger logger, string tag, string accountId, string messageId);
}

using System.Threading.Channels;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// Sends the portal's emails off the request path: a request queues its email and answers at once. So no answer waits
/// for the provider, no answer is slower because an email went (a password-reset request for a real account would otherwise
/// take longer than one for an unknown email), and a failed send never fails the customer's request: it is logged, without the address.
/// </summary>
/// <remarks>
/// The queue is in memory: an email still queued when the process is recycled gets the host's shutdown grace to go out,
/// and is lost after it. Emails here are notices and single-use links the customer can ask for again, so that is accepted.
/// </remarks>
public sealed partial class EmailQueue(IEmailSender sender, PortalMetrics metrics, ILogger<EmailQueue> logger) : BackgroundService
{
    /// <summary>Emails waiting at most; beyond that a new one is dropped and logged (a flood, not customers).</summary>
    public const int Capacity = 1000;

    /// <summary>Emails handed to the provider at the same time.</summary>
    public const int Senders = 4;

    private readonly Channel<QueuedEmail> channel = Channel.CreateBounded<QueuedEmail>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
    private int pending;

    /// <summary>Queues <paramref name="message"/>; false (logged) when the queue is full or shut.</summary>
    /// <param name="message">The email.</param>
    /// <param name="accountId">The account it is about, for the log lines; never the address.</param>
    public bool Enqueue(EmailMessage message, string? accountId)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref pending);
        if (channel.Writer.TryWrite(new QueuedEmail(message, accountId)))
        {
            return true;
        }

        Interlocked.Decrement(ref pending);
        LogDropped(logger, message.Tag, accountId ?? "-");
        return false;
    }

    /// <summary>Completes when every email queued so far has been handed to the sender (or failed): for shutdown, and for tests.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref pending) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Take no more, let what is queued go out within the host's shutdown grace, then stop the senders.
        channel.Writer.TryComplete();
        try
        {
            await WhenIdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(logger, Volatile.Read(ref pending));
        }

        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(() => SendLoopAsync(stoppingToken), CancellationToken.None)));

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var queued in channel.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await SendAsync(queued, stoppingToken);
                }
                finally
                {
                    Interlocked.Decrement(ref pending);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SendAsync(QueuedEmail queued, CancellationToken stoppingToken)
    {
        var (message, accountId) = queued;
        try
        {
            var result = await sender.SendAsync(message, stoppingToken);
            metrics.Email(message.Tag, result.Accepted ? "sent" : "failed");
            if (result.Accepted)
            {
                LogSent(logger, message.Tag, accountId ?? "-");
            }
            else
            {
                LogNotSent(logger, message.Tag, accountId ?? "-", result.FailureReason ?? "unknown");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A sender reports provider failures as results; this is storage, a bug or a time-out: still only a log line.
            metrics.Email(message.Tag, "failed");
            LogNotSent(logger, message.Tag, accountId ?? "-", exception.GetType().Name);
        }
    }

    private sealed record QueuedEmail(EmailMessage Message, string? AccountId);

    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Email {Tag} for account {AccountId} handed to the provider")]
    private static partial void LogSent(ILogger logger, string tag, string accountId);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "Email {Tag} for account {AccountId} was not sent: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string tag, string accountId, string reason);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Email {Tag} for account {AccountId} was dropped: the email queue is full or shut")]
    private static partial void LogDropped(ILogger logger, string tag, string accountId);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Warning, Message = "{Count} queued emails were not sent before shutdown")]
    private static partial void LogAbandoned(ILogger logger, int count);
}

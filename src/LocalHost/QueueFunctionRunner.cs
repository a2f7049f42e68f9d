using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace CustomerPortal.LocalHost;

/// <summary>
/// Runs the queue-triggered functions of <c>functions.metadata</c> against the storage account their connection setting names
/// (Azurite locally), as the Functions host does in Azure: it polls each queue (backing off to host.json's
/// <c>maxPollingInterval</c> while it is empty), hands each message to its function, deletes it when the function returns, makes
/// it visible again after <c>visibilityTimeout</c> when the function throws, and after <c>maxDequeueCount</c> failed deliveries
/// moves it to <c>{queue}-poison</c>. The queue name may be a <c>%setting%</c> expression, resolved from configuration.
/// </summary>
public sealed partial class QueueFunctionRunner(
    IServiceProvider services,
    IConfiguration configuration,
    ILogger<QueueFunctionRunner> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new("CustomerPortal.LocalHost");

    // How long a message stays invisible to other readers while its function runs.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly List<(QueueFunctionInvoker Invoker, QueueClient Queue, QueueClient Poison)> functions = [];
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;

    /// <summary>The trigger settings in use (host.json and its overrides).</summary>
    public QueueTriggerOptions Options { get; } = QueueTriggerOptions.Read(Path.Combine(AppContext.BaseDirectory, "host.json"), configuration);

    /// <summary>
    /// Completes once every queue the functions read is empty (no message waiting, none being retried) and no function runs:
    /// for tests, which read what a message did.
    /// </summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        await started.Task.WaitAsync(cancellationToken);
        while (true)
        {
            var waiting = 0;
            foreach (var (_, queue, _) in functions)
            {
                waiting += (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            }

            if (waiting == 0 && Volatile.Read(ref inFlight) == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var metadataPath = Path.Combine(AppContext.BaseDirectory, FunctionMetadataReader.FileName);
            foreach (var function in FunctionMetadataReader.ReadQueues(metadataPath))
            {
                var connection = configuration[function.Connection] is { Length: > 0 } value ? value
                    : configuration["Storage:ConnectionString"] ?? throw new InvalidOperationException($"Queue function {function.Name}: set {function.Connection}.");
                var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
                var name = Resolve(function.QueueName);
                var queue = new QueueClient(connection, name, options);
                var poison = new QueueClient(connection, name + "-poison", options);
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                functions.Add((QueueFunctionInvoker.Create(function), queue, poison));
                LogListening(logger, function.Name, name);
            }
        }
        catch (Exception exception)
        {
            started.TrySetException(exception);
            throw;
        }

        started.TrySetResult();
        await Task.WhenAll(functions.Select(function => PollAsync(function.Invoker, function.Queue, function.Poison, stoppingToken)));
    }

    private async Task PollAsync(QueueFunctionInvoker invoker, QueueClient queue, QueueClient poison, CancellationToken stoppingToken)
    {
        var minimum = TimeSpan.FromMilliseconds(Math.Min(100, Options.MaxPollingInterval.TotalMilliseconds));
        var wait = minimum;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(Options.BatchSize, Lease, stoppingToken)).Value;
                if (messages.Length > 0)
                {
                    wait = minimum;
                    await Task.WhenAll(messages.Select(message => ProcessAsync(invoker, queue, poison, message, stoppingToken)));
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPollFailed(logger, exception, invoker.Function.Name);
            }

            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, Options.MaxPollingInterval.Ticks));
        }
    }

    private async Task ProcessAsync(QueueFunctionInvoker invoker, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            // A message that outlived its deliveries without an answer (the host stopped mid-run each time) goes straight to poison.
            if (message.DequeueCount > Options.MaxDequeueCount)
            {
                await PoisonAsync(invoker, queue, poison, message);
                return;
            }

            using var activity = Source.StartActivity(invoker.Function.Name, ActivityKind.Server);
            activity?.SetTag("faas.trigger", "pubsub");
            try
            {
                await invoker.InvokeAsync(services, message, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopping: the message reappears after its lease, as when a host dies
            }
            catch (Exception exception)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                LogFailed(logger, exception, invoker.Function.Name, message.MessageId, message.DequeueCount);
                if (message.DequeueCount >= Options.MaxDequeueCount)
                {
                    await PoisonAsync(invoker, queue, poison, message);
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: Options.VisibilityTimeout, cancellationToken: CancellationToken.None);
                }

                return;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogPollFailed(logger, exception, invoker.Function.Name);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task PoisonAsync(QueueFunctionInvoker invoker, QueueClient queue, QueueClient poison, QueueMessage message)
    {
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(message.MessageText);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        LogPoisoned(logger, invoker.Function.Name, message.MessageId, poison.Name);
    }

    // "%Setting%" parts are app settings, as the Functions host resolves them.
    private string Resolve(string expression) => Setting().Replace(expression, match =>
        configuration[match.Groups[1].Value] is { Length: > 0 } value ? value
        : throw new InvalidOperationException($"The app setting {match.Groups[1].Value} (in '{expression}') is not set."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Setting();

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue function {Function} reads queue {Queue}")]
    private static partial void LogListening(ILogger logger, string function, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue function {Function} failed on message {MessageId} (delivery {DequeueCount})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue function {Function}: message {MessageId} moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue function {Function}: polling or settling a message failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string function);
}

using Microsoft.Extensions.Configuration;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// The outbox queue: its name (the app setting <c>OutboxQueue</c>, which the queue trigger also names as <c>%OutboxQueue%</c>) and
/// how often the Functions host hands a message to the trigger before it moves it to <c>{name}-poison</c> (host.json's
/// <c>extensions:queues:maxDequeueCount</c>, read here from the app setting that overrides it when one does).
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>The app setting naming the queue; flat, so the host's <c>%…%</c> binding expression finds it on every OS.</summary>
    public const string QueueSetting = "OutboxQueue";

    /// <summary>The app setting naming the events queue (<c>%EventsQueue%</c> in the webhook trigger).</summary>
    public const string EventsQueueSetting = "EventsQueue";

    /// <summary>The app setting naming the back-channel logout queue (<c>%LogoutQueue%</c> in its trigger).</summary>
    public const string LogoutQueueSetting = "LogoutQueue";

    /// <summary>The app setting that overrides host.json's <c>maxDequeueCount</c> (the Functions host and the local host read it too).</summary>
    public const string MaxDequeueCountSetting = "AzureFunctionsJobHost:extensions:queues:maxDequeueCount";

    /// <summary>host.json's <c>maxDequeueCount</c>: a unit test holds the two together.</summary>
    public const int DefaultMaxDequeueCount = 5;

    /// <summary>The queue's name (lowercase letters, digits and single hyphens, 3 to 63). Default: <c>outbox</c>.</summary>
    public string QueueName { get; set; } = "outbox";

    /// <summary>The queue of events for webhook subscribers (docs/events.md). Default: <c>outbox-events</c>.</summary>
    public string EventsQueueName { get; set; } = "outbox-events";

    /// <summary>Where a webhook delivery goes after its last retry (kept until an operator reads it; see README, Operations).</summary>
    public string DeadLetterQueueName => EventsQueueName + "-deadletter";

    /// <summary>The queue of back-channel logout notices to the OpenID Connect apps. Default: <c>outbox-logout</c>.</summary>
    public string LogoutQueueName { get; set; } = "outbox-logout";

    /// <summary>Deliveries of one message before the host moves it to the poison queue. Default: 5.</summary>
    public int MaxDequeueCount { get; set; } = DefaultMaxDequeueCount;

    /// <summary>The poison queue the Functions host moves a message to after <see cref="MaxDequeueCount"/> failed deliveries.</summary>
    public string PoisonQueueName => QueueName + "-poison";

    public static void Bind(OutboxOptions options, IConfiguration configuration)
    {
        options.QueueName = configuration[QueueSetting] is { Length: > 0 } name ? name : options.QueueName;
        options.EventsQueueName = configuration[EventsQueueSetting] is { Length: > 0 } events ? events : options.EventsQueueName;
        options.LogoutQueueName = configuration[LogoutQueueSetting] is { Length: > 0 } logout ? logout : options.LogoutQueueName;
        options.MaxDequeueCount = configuration.GetValue(MaxDequeueCountSetting, options.MaxDequeueCount);
    }
}

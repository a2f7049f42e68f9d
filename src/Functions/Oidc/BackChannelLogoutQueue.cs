using System.Net.Http;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// Posts back-channel logout tokens after the answer (OI10): the request that ended the session queues a notice per app and
/// answers; this sends each once, with one retry, and logs a failure (the client id, never the token).
/// </summary>
/// <remarks>The queue is in memory, as the email queue (open point: issue 26's durable outbox would keep a notice across a recycle).</remarks>
public sealed partial class BackChannelLogoutQueue(IHttpClientFactory http, LogoutTokens tokens, ILogger<BackChannelLogoutQueue> logger) : BackgroundService
{
    public const string HttpClientName = "oidc-backchannel-logout";
    public const int Capacity = 1000;

    private readonly Channel<BackChannelLogoutNotice> channel = Channel.CreateBounded<BackChannelLogoutNotice>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
    private int pending;

    public void Enqueue(BackChannelLogoutNotice notice)
    {
        Interlocked.Increment(ref pending);
        if (!channel.Writer.TryWrite(notice))
        {
            Interlocked.Decrement(ref pending);
            LogDropped(logger, notice.ClientId);
        }
    }

    /// <summary>Completes when every notice queued so far has been sent or has failed (for shutdown, and for tests).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref pending) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        channel.Writer.TryComplete();
        try
        {
            await WhenIdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var notice in channel.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await SendAsync(notice, stoppingToken);
                }
                finally
                {
                    Interlocked.Decrement(ref pending);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(BackChannelLogoutNotice notice, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                using var client = http.CreateClient(HttpClientName);
                using var content = new FormUrlEncodedContent([new("logout_token", tokens.Create(notice))]);
                using var response = await client.PostAsync(new Uri(notice.LogoutUri), content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    LogSent(logger, notice.ClientId);
                    return;
                }

                LogRefused(logger, notice.ClientId, (int)response.StatusCode, attempt);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogUnreachable(logger, notice.ClientId, exception.GetType().Name, attempt);
            }
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Back-channel logout sent to client {ClientId}")]
    private static partial void LogSent(ILogger logger, string clientId);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Back-channel logout to client {ClientId} answered {Status} (attempt {Attempt})")]
    private static partial void LogRefused(ILogger logger, string clientId, int status, int attempt);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Back-channel logout to client {ClientId} failed: {ErrorType} (attempt {Attempt})")]
    private static partial void LogUnreachable(ILogger logger, string clientId, string errorType, int attempt);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Error, Message = "Back-channel logout queue full; the notice to client {ClientId} is dropped")]
    private static partial void LogDropped(ILogger logger, string clientId);
}

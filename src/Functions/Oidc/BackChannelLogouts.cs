using System.Net.Http;
using System.Text.Json;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// Back-channel logout notices (OI10) through the outbox: the request that ended the sessions writes one message per app and
/// session to the logout queue (<c>LogoutQueue</c>, Azure Queue Storage) and answers; the queue-triggered
/// <see cref="BackChannelLogoutFunction"/> makes the logout token, signed with the active key at that moment, and POSTs it. A
/// notice survives the instance that queued it. A send that fails throws, so the Functions host tries it again after
/// host.json's <c>visibilityTimeout</c>, up to 5 deliveries, then moves it to the poison queue, counted.
/// </summary>
/// <remarks>A message holds the client id, the subject and the session id: nothing secret (the token is made when sent) and no contact detail.</remarks>
public sealed partial class BackChannelLogouts(
    PortalQueues queues,
    IHttpClientFactory http,
    LogoutTokens tokens,
    OidcClients clients,
    PortalMetrics metrics,
    IOptions<OutboxOptions> outbox,
    ILogger<BackChannelLogouts> logger)
{
    public const string HttpClientName = "oidc-backchannel-logout";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the notice to the logout queue; once this returns, it will be sent even if this instance stops.</summary>
    public async Task EnqueueAsync(BackChannelLogoutNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var queue = await queues.LogoutAsync(cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(notice, Json), CancellationToken.None);
    }

    /// <param name="text">The queue message's text.</param>
    /// <param name="dequeueCount">Which delivery of the message this is, from 1.</param>
    /// <param name="cancellationToken">The host stopping.</param>
    public async Task SendAsync(string text, long dequeueCount, CancellationToken cancellationToken)
    {
        var last = dequeueCount >= outbox.Value.MaxDequeueCount;
        BackChannelLogoutNotice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<BackChannelLogoutNotice>(text, Json);
        }
        catch (JsonException)
        {
            notice = null;
        }

        if (notice is null)
        {
            LogUnreadable(logger, dequeueCount);
            Poisoned(last);
            throw new InvalidOperationException("A logout queue message could not be read.");
        }

        // The app's registration as it is now: an app since removed, or without a back-channel URI any more, is not told.
        if (clients.Find(notice.ClientId) is not { BackChannelLogoutUri.Length: > 0 } client)
        {
            LogNoLongerRegistered(logger, notice.ClientId);
            return;
        }

        string failure;
        try
        {
            using var content = new FormUrlEncodedContent([new("logout_token", tokens.Create(notice))]);
            using var response = await http.CreateClient(HttpClientName).PostAsync(new Uri(client.BackChannelLogoutUri), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                LogSent(logger, notice.ClientId, dequeueCount);
                return;
            }

            failure = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = exception.GetType().Name;
        }

        LogNotSent(logger, notice.ClientId, failure, dequeueCount);
        Poisoned(last);
        throw new HttpRequestException($"The back-channel logout to {notice.ClientId} failed: {failure}.");
    }

    private void Poisoned(bool last)
    {
        if (last)
        {
            metrics.Poisoned("backchannel_logout");
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Back-channel logout sent to client {ClientId} (delivery {Delivery})")]
    private static partial void LogSent(ILogger logger, string clientId, long delivery);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Back-channel logout to client {ClientId} failed: {Failure} (delivery {Delivery})")]
    private static partial void LogNotSent(ILogger logger, string clientId, string failure, long delivery);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Back-channel logout to client {ClientId} dropped: the app is no longer registered with a back-channel URI")]
    private static partial void LogNoLongerRegistered(ILogger logger, string clientId);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Error, Message = "A logout queue message could not be read (delivery {Delivery})")]
    private static partial void LogUnreadable(ILogger logger, long delivery);
}

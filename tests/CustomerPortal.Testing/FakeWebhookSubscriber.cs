using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Testing;

/// <summary>
/// An insurer's system receiving the portal's webhooks, on a free loopback port. It checks each delivery as docs/events.md tells
/// a subscriber to, with its own code (HMAC-SHA256 over <c>id.timestamp.body</c>, not the StandardWebhooks package the portal
/// signs with): the signature under its secret, and the timestamp within <see cref="Tolerance"/> of its own clock. It answers
/// 401 to a delivery that fails either, processes each <c>webhook-id</c> once, and can be made to fail the next deliveries.
/// </summary>
public sealed class FakeWebhookSubscriber : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly byte[] key;
    private readonly ConcurrentQueue<Delivery> deliveries = new();
    private readonly ConcurrentDictionary<string, JsonElement> processed = new(StringComparer.Ordinal);
    private int failNext;

    private FakeWebhookSubscriber(WebApplication app, byte[] key)
    {
        this.app = app;
        this.key = key;
    }

    /// <summary>One request as received, with what the subscriber made of it.</summary>
    public sealed record Delivery(string Id, string Timestamp, string Signature, string ContentType, string Body, HttpStatusCode Answer, string Verdict);

    public Uri Url { get; private set; } = null!;

    /// <summary>The signing secret, as the portal's setting holds it (<c>whsec_</c> and base64).</summary>
    public string Secret => "whsec_" + Convert.ToBase64String(key);

    /// <summary>How far the timestamp may be from the subscriber's clock (the Standard Webhooks spec suggests 5 minutes).</summary>
    public TimeSpan Tolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The subscriber's clock; a test moves it to replay a delivery late.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Every request, in order.</summary>
    public IReadOnlyList<Delivery> Deliveries => [.. deliveries];

    /// <summary>The events processed, one per webhook-id: the CloudEvent as received.</summary>
    public IReadOnlyDictionary<string, JsonElement> Events => processed;

    /// <summary>Always answer 503 (a subscriber that is down).</summary>
    public bool Down { get; set; }

    /// <summary>Answer 503 to the next <paramref name="count"/> deliveries that are otherwise good (a subscriber that is briefly down).</summary>
    public void FailNext(int count) => Volatile.Write(ref failNext, count);

    public static async Task<FakeWebhookSubscriber> StartAsync()
    {
        var (subscriber, address) = await FakeServerHost.StartAsync(app => new FakeWebhookSubscriber(app, RandomNumberGenerator.GetBytes(32)), subscriber => subscriber.HandleAsync);
        subscriber.Url = new Uri(address, "hooks/portal");
        return subscriber;
    }

    /// <summary>Posts a delivery again exactly as it came (an attacker's replay), and returns the subscriber's answer.</summary>
    public async Task<HttpStatusCode> ReplayAsync(Delivery delivery, string? body = null)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body ?? delivery.Body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(delivery.ContentType);
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", delivery.Timestamp);
        request.Headers.Add("webhook-signature", delivery.Signature);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var id = context.Request.Headers["webhook-id"].ToString();
        var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
        var signature = context.Request.Headers["webhook-signature"].ToString();
        var (status, verdict) = Check(id, timestamp, signature, body);
        if (status == HttpStatusCode.OK && Down)
        {
            (status, verdict) = (HttpStatusCode.ServiceUnavailable, "down");
        }
        else if (status == HttpStatusCode.OK && Interlocked.Decrement(ref failNext) >= 0)
        {
            (status, verdict) = (HttpStatusCode.ServiceUnavailable, "failed on purpose");
        }
        else if (status == HttpStatusCode.OK && !processed.TryAdd(id, JsonDocument.Parse(body).RootElement.Clone()))
        {
            verdict = "duplicate: already processed, acknowledged";
        }

        deliveries.Enqueue(new Delivery(id, timestamp, signature, context.Request.ContentType ?? "", body, status, verdict));
        context.Response.StatusCode = (int)status;
    }

    private (HttpStatusCode, string) Check(string id, string timestamp, string signatures, string body)
    {
        if (id.Length == 0 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return (HttpStatusCode.BadRequest, "missing headers");
        }

        if ((Now() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return (HttpStatusCode.Unauthorized, "timestamp outside the tolerance");
        }

        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        // The header may hold several space-separated signatures (during a secret rotation); one match is enough.
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate[3..]), Encoding.ASCII.GetBytes(expected)))
            {
                return (HttpStatusCode.OK, "verified");
            }
        }

        return (HttpStatusCode.Unauthorized, "bad signature");
    }
}

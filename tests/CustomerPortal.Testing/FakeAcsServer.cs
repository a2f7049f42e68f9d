using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Testing;

/// <summary>
/// A stand-in for Azure Communication Services' SMS endpoint on a free loopback port. Like the real
/// service it refuses (401) any request whose HMAC-SHA256 signature, content hash or date (more than
/// five minutes off) is wrong; correctly signed sends get the <see cref="FakeAcsReply"/> queued next.
/// </summary>
public sealed class FakeAcsServer : IAsyncDisposable
{
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly ConcurrentQueue<FakeAcsReply> replies = new();
    private readonly ConcurrentQueue<FakeAcsRequest> requests = new();

    private FakeAcsServer(WebApplication app, TimeProvider time)
    {
        this.app = app;
        this.time = time;
    }

    /// <summary>The Base64 access key the fake checks signatures with; a new random one per server.</summary>
    public string AccessKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public Uri Endpoint { get; private set; } = null!;

    public string ConnectionString => $"endpoint={Endpoint};accesskey={AccessKey}";

    /// <summary>When set, <c>Authorization: Bearer</c> with this token is accepted instead of a signature.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The answer once the queue is empty. Default: <see cref="FakeAcsReply.Success"/>.</summary>
    public FakeAcsReply DefaultReply { get; set; } = FakeAcsReply.Success;

    /// <summary>Every request received, in order, including refused ones.</summary>
    public IReadOnlyList<FakeAcsRequest> Requests => [.. requests];

    public static async Task<FakeAcsServer> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeAcsServer(app, time ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    /// <summary>Queues the answers for the next correctly signed sends, in order.</summary>
    public void Enqueue(params FakeAcsReply[] next)
    {
        foreach (var reply in next)
        {
            replies.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A hanging request would hold a graceful stop forever; give it a moment, then cut it off.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var pathAndQuery = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var rejection = BearerToken is not null && request.Headers.Authorization == "Bearer " + BearerToken
            ? null
            : CheckSignature(request, pathAndQuery, body);
        requests.Enqueue(new FakeAcsRequest(
            time.GetUtcNow(),
            request.Method,
            pathAndQuery,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Encoding.UTF8.GetString(body),
            rejection));

        if (rejection is not null)
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Denied", "Denied by the resource provider.");
            return;
        }

        if (!HttpMethods.IsPost(request.Method) || !request.Path.Value!.EndsWith("/sms", StringComparison.Ordinal) || request.Query["api-version"] != "2021-03-07")
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "Only POST /sms?api-version=2021-03-07 is faked.");
            return;
        }

        var reply = replies.TryDequeue(out var queued) ? queued : DefaultReply;
        switch (reply)
        {
            case FakeAcsReply.Success:
            case FakeAcsReply.RecipientFailure:
                await WriteSendResultAsync(context, body, reply == FakeAcsReply.Success);
                break;
            case FakeAcsReply.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "TooManyRequests", "Rate limit exceeded.");
                break;
            case FakeAcsReply.ServerError:
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "InternalServerError", "Something broke.");
                break;
            case FakeAcsReply.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up: that is the point.
                }

                break;
        }
    }

    // The checks the real service makes, in its order of cheapness; the reason is for test failures only.
    private string? CheckSignature(HttpRequest request, string pathAndQuery, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string scheme = "HMAC-SHA256 SignedHeaders=";
        var separator = authorization.IndexOf("&Signature=", StringComparison.Ordinal);
        if (!authorization.StartsWith(scheme, StringComparison.Ordinal) || separator < 0)
        {
            return "no HMAC-SHA256 authorization";
        }

        if (authorization[scheme.Length..separator] != SignedHeaders)
        {
            return "signed headers are not " + SignedHeaders;
        }

        var dateText = request.Headers["x-ms-date"].ToString();
        if (!DateTimeOffset.TryParseExact(dateText, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return "x-ms-date missing or not RFC 1123";
        }

        if ((time.GetUtcNow() - date).Duration() > AllowedClockSkew)
        {
            return "x-ms-date is more than five minutes off";
        }

        var contentHash = request.Headers["x-ms-content-sha256"].ToString();
        if (contentHash != Convert.ToBase64String(SHA256.HashData(body)))
        {
            return "x-ms-content-sha256 does not match the body";
        }

        var stringToSign = $"{request.Method}\n{pathAndQuery}\n{dateText};{request.Host.Value};{contentHash}";
        var expected = HMACSHA256.HashData(Convert.FromBase64String(AccessKey), Encoding.ASCII.GetBytes(stringToSign));
        var given = new byte[expected.Length];
        var signature = authorization[(separator + "&Signature=".Length)..];
        if (!Convert.TryFromBase64String(signature, given, out var length) || length != expected.Length || !CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return "signature mismatch";
        }

        return null;
    }

    private static async Task WriteSendResultAsync(HttpContext context, byte[] body, bool successful)
    {
        using var document = JsonDocument.Parse(body);
        var value = document.RootElement.GetProperty("smsRecipients").EnumerateArray().Select(recipient => new Dictionary<string, object?>
        {
            ["to"] = recipient.GetProperty("to").GetString(),
            ["messageId"] = successful ? "Outgoing_" + Guid.NewGuid().ToString("N") + "_noam" : null,
            ["httpStatusCode"] = successful ? 202 : 400,
            ["repeatabilityResult"] = "accepted",
            ["successful"] = successful,
            ["errorMessage"] = successful ? null : "Invalid To phone number format.",
        });
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsJsonAsync(new { value });
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }
}

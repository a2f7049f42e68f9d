using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CustomerPortal.Testing;

/// <summary>
/// A stand-in for Azure Communication Services on a free loopback port: SMS send (<c>POST /sms</c>), email send
/// (<c>POST /emails:send</c>) and the email operation status that SDKs poll (<c>GET /emails/operations/{id}</c>).
/// Like the real service it refuses (401) any request whose HMAC-SHA256 signature, content hash or date (more than
/// five minutes off) is wrong; correctly signed sends, of either channel, get the <see cref="FakeAcsReply"/> queued next.
/// </summary>
public sealed class FakeAcsServer : IAsyncDisposable
{
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The email API versions answered: the one our sender uses, and the one @azure/communication-email 1.1.0 sends.</summary>
    public static readonly IReadOnlySet<string> EmailApiVersions = new HashSet<string>(StringComparer.Ordinal) { "2023-03-31", "2025-09-01" };

    private const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";
    private const string SmsApiVersion = "2021-03-07";
    private const string EmailOperationsPath = "/emails/operations/";

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly ConcurrentQueue<FakeAcsReply> replies = new();
    private readonly ConcurrentQueue<FakeAcsRequest> requests = new();
    private readonly ConcurrentDictionary<string, byte> emailOperations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, RepeatableSend> repeatableSends = new(StringComparer.OrdinalIgnoreCase);
    private int emailsAccepted;

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

    /// <summary>The email send operations accepted so far, by id; a retry that repeats an <c>Operation-Id</c> adds nothing.</summary>
    public IReadOnlyCollection<string> EmailOperations => [.. emailOperations.Keys];

    /// <summary>
    /// Emails the fake took as new sends (202), that is, emails a customer would receive: a repeat that ACS's repeatable requests
    /// answer from the first send (same <c>Repeatability-Request-Id</c> within 5 minutes) is not counted again.
    /// </summary>
    public int EmailsAccepted => Volatile.Read(ref emailsAccepted);

    /// <summary>How long repeatability ids are tracked, as ACS does (5 minutes); a first-sent time older than that is refused (412).</summary>
    public static readonly TimeSpan RepeatabilityWindow = TimeSpan.FromMinutes(5);

    /// <summary>The answer once the queue is empty. Default: <see cref="FakeAcsReply.Success"/>.</summary>
    public FakeAcsReply DefaultReply { get; set; } = FakeAcsReply.Success;

    /// <summary>Every request received, in order, including refused ones.</summary>
    public IReadOnlyList<FakeAcsRequest> Requests => [.. requests];

    public static async Task<FakeAcsServer> StartAsync(TimeProvider? time = null)
    {
        var (server, address) = await FakeServerHost.StartAsync(app => new FakeAcsServer(app, time ?? TimeProvider.System), server => server.HandleAsync);
        server.Endpoint = address;
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

        var path = request.Path.Value!;
        var apiVersion = request.Query["api-version"].ToString();
        if (HttpMethods.IsPost(request.Method) && path.EndsWith("/sms", StringComparison.Ordinal) && apiVersion == SmsApiVersion)
        {
            await AnswerSendAsync(context, body, isEmail: false);
        }
        else if (HttpMethods.IsPost(request.Method) && path.EndsWith("/emails:send", StringComparison.Ordinal) && EmailApiVersions.Contains(apiVersion))
        {
            await AnswerRepeatableEmailSendAsync(context, body);
        }
        else if (HttpMethods.IsGet(request.Method) && path.StartsWith(EmailOperationsPath, StringComparison.Ordinal) && EmailApiVersions.Contains(apiVersion))
        {
            await WriteEmailOperationAsync(context, path[EmailOperationsPath.Length..]);
        }
        else
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "Only POST /sms, POST /emails:send and GET /emails/operations/{id} are faked.");
        }
    }

    private async Task AnswerSendAsync(HttpContext context, byte[] body, bool isEmail)
    {
        var reply = replies.TryDequeue(out var queued) ? queued : DefaultReply;
        switch (reply)
        {
            case FakeAcsReply.Success when isEmail:
                await WriteEmailAcceptedAsync(context, body);
                break;
            case FakeAcsReply.RecipientFailure when isEmail:
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRecipient", "The recipient address is not valid.");
                break;
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

    // ACS's repeatable requests (learn.microsoft.com/rest/api/communication/repeatable-requests): with the two headers, a repeat
    // of a tracked id with the same body gets the first answer (409 while it runs, its status when it was 2xx or 4xx, a new try
    // after a 5xx); with another body 400; a first-sent time outside the 5-minute window 412; malformed headers 400. A send
    // without the headers is a new send every time.
    private async Task AnswerRepeatableEmailSendAsync(HttpContext context, byte[] body)
    {
        var idText = context.Request.Headers["Repeatability-Request-Id"].ToString();
        var firstSentText = context.Request.Headers["Repeatability-First-Sent"].ToString();
        if (idText.Length == 0 && firstSentText.Length == 0)
        {
            await AnswerSendAsync(context, body, isEmail: true);
            return;
        }

        if (!Guid.TryParse(idText, out _)
            || !DateTimeOffset.TryParseExact(firstSentText, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var firstSent))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRepeatabilityHeaders", "Repeatability-Request-Id must be a GUID and Repeatability-First-Sent an IMF-fixdate.");
            return;
        }

        if (time.GetUtcNow() - firstSent > RepeatabilityWindow)
        {
            await WriteErrorAsync(context, StatusCodes.Status412PreconditionFailed, "PreconditionFailed", "Repeatability-First-Sent is not within the 5 minute window.");
            return;
        }

        var hash = Convert.ToHexString(SHA256.HashData(body));
        var mine = new RepeatableSend(hash);
        var tracked = repeatableSends.GetOrAdd(idText, mine);
        if (!ReferenceEquals(tracked, mine))
        {
            if (tracked.BodyHash != hash)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "RepeatabilityMismatch", "The repeated request does not match the first one.");
                return;
            }

            if (tracked.Status is null)
            {
                await WriteErrorAsync(context, StatusCodes.Status409Conflict, "RequestInProgress", "The original request is still in progress.");
                return;
            }

            if (tracked.Status is < 500 and not (StatusCodes.Status429TooManyRequests or StatusCodes.Status408RequestTimeout))
            {
                context.Response.StatusCode = tracked.Status.Value;
                foreach (var (name, value) in tracked.Headers)
                {
                    context.Response.Headers[name] = value;
                }

                context.Response.Headers["Repeatability-Result"] = "accepted";
                await context.Response.Body.WriteAsync(tracked.Body, context.RequestAborted);
                return;
            }

            // The first answer was a 5xx, or a throttling answer (429, 408) given before the request was processed: this one
            // runs again, and is tracked instead.
            repeatableSends[idText] = mine;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await AnswerSendAsync(context, body, isEmail: true);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            repeatableSends.TryRemove(new KeyValuePair<string, RepeatableSend>(idText, mine)); // a hang: as if never received
            return;
        }

        mine.Headers = context.Response.Headers.Where(h => h.Key is "Operation-Location" or "Content-Type" or "Retry-After")
            .Select(h => (h.Key, h.Value.ToString())).ToArray();
        mine.Body = captured.ToArray();
        mine.Status = context.Response.StatusCode;
        context.Response.Headers["Repeatability-Result"] = "accepted";
        await original.WriteAsync(mine.Body, context.RequestAborted);
    }

    private sealed class RepeatableSend(string bodyHash)
    {
        public string BodyHash { get; } = bodyHash;

        private int status;

        /// <summary>The first answer's status; null while it runs.</summary>
        public int? Status
        {
            get => Volatile.Read(ref status) is var value && value == 0 ? null : value;
            set => Volatile.Write(ref status, value ?? 0);
        }

        public (string Name, string Value)[] Headers { get; set; } = [];

        public byte[] Body { get; set; } = [];
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

    // 202 and an Operation-Location, as ACS Email answers; the operation is named by the Operation-Id header when
    // the client sent one. A body without the fields ACS requires is refused with 400, as the real service does.
    private async Task WriteEmailAcceptedAsync(HttpContext context, byte[] body)
    {
        if (!IsEmailMessage(body))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequest", "senderAddress, recipients.to, content.subject and a plainText or html body are required.");
            return;
        }

        var given = context.Request.Headers["Operation-Id"].ToString();
        var id = given.Length > 0 ? given : Guid.NewGuid().ToString();
        emailOperations.TryAdd(id, 0);
        Interlocked.Increment(ref emailsAccepted);
        var apiVersion = context.Request.Query["api-version"].ToString();
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["Operation-Location"] = new Uri(Endpoint, $"emails/operations/{id}?api-version={apiVersion}").ToString();
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsJsonAsync(new { id, status = "Running" });
    }

    private static bool IsEmailMessage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var message = document.RootElement;
            return message.TryGetProperty("senderAddress", out var sender) && sender.GetString() is { Length: > 0 }
                && message.TryGetProperty("recipients", out var recipients) && recipients.TryGetProperty("to", out var to)
                && to.GetArrayLength() > 0 && to.EnumerateArray().All(address => address.TryGetProperty("address", out var a) && a.GetString() is { Length: > 0 })
                && message.TryGetProperty("content", out var content) && content.TryGetProperty("subject", out var subject) && subject.GetString() is { Length: > 0 }
                && (content.TryGetProperty("plainText", out _) || content.TryGetProperty("html", out _));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    // Every accepted email is reported delivered at the first poll: enough for an SDK's poller to finish.
    private Task WriteEmailOperationAsync(HttpContext context, string id)
    {
        if (!emailOperations.ContainsKey(id))
        {
            return WriteErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "No such email operation.");
        }

        return context.Response.WriteAsJsonAsync(new { id, status = "Succeeded" });
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }
}

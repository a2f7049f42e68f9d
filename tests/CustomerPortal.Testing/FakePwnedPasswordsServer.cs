using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Testing;

/// <summary>
/// A stand-in for the Pwned Passwords range API on a free loopback port: <c>GET /range/{5 hex digits}</c> answers, like the real
/// one, every known SHA-1 suffix under the prefix as <c>SUFFIX:COUNT</c> lines (CRLF), and with <c>Add-Padding: true</c> adds
/// made-up suffixes of count 0. It can be made to fail (503) or to answer too late, and it records what it was asked.
/// </summary>
public sealed class FakePwnedPasswordsServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, string? Padding)> requests = new();

    private FakePwnedPasswordsServer(WebApplication app) => this.app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every request: its path, and its <c>Add-Padding</c> header.</summary>
    public IReadOnlyList<(string Path, string? Padding)> Requests => [.. requests];

    /// <summary>When set, every request is answered with this status (503: the service is down).</summary>
    public HttpStatusCode? Failure { get; set; }

    /// <summary>When set, every answer waits this long first (longer than the portal's budget: a timeout).</summary>
    public TimeSpan? Delay { get; set; }

    public static async Task<FakePwnedPasswordsServer> StartAsync()
    {
        var (server, address) = await FakeServerHost.StartAsync(app => new FakePwnedPasswordsServer(app), server => server.HandleAsync);
        server.Endpoint = address;
        return server;
    }

    /// <summary>Makes <paramref name="password"/> known from a breach, <paramref name="count"/> times (0: only as a padding line).</summary>
    public void Add(string password, long count = 42) => counts[Sha1(password)] = count;

    public static string Sha1(string password) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        requests.Enqueue((path, context.Request.Headers["Add-Padding"].FirstOrDefault()));
        if (Delay is { } delay)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (Failure is { } failure)
        {
            context.Response.StatusCode = (int)failure;
            return;
        }

        if (context.Request.Method != "GET" || !path.StartsWith("/range/", StringComparison.Ordinal) || path.Length != 12
            || !path[7..].All(Uri.IsHexDigit))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var prefix = path[7..].ToUpperInvariant();
        var lines = counts.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(pair => $"{pair.Key[5..]}:{pair.Value}").ToList();
        if (context.Request.Headers["Add-Padding"] == "true")
        {
            lines.AddRange(Enumerable.Range(0, 8).Select(_ => $"{Convert.ToHexString(RandomNumberGenerator.GetBytes(18))[..35]}:0"));
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(string.Join("\r\n", lines.OrderBy(line => line, StringComparer.Ordinal)));
    }
}

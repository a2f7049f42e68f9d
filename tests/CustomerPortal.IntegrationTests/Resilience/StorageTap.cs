using Azure.Core;
using Azure.Core.Pipeline;

namespace CustomerPortal.IntegrationTests.Resilience;

/// <summary>
/// A storage pipeline policy for outage tests: runs an action (stopping Azurite) once, just before or just after the
/// first storage request that matches, so a test can put an outage between two writes of one HTTP request.
/// </summary>
public sealed class StorageTap : HttpPipelinePolicy
{
    private readonly Lock gate = new();
    private Trap? armed;

    /// <summary>Whether the armed action has run.</summary>
    public bool Fired { get; private set; }

    /// <summary>Runs <paramref name="action"/> before the first request that matches is sent, so that request fails.</summary>
    public void Before(Func<Request, bool> match, Func<Task> action) => Arm(new Trap(match, AfterAnswer: false, action));

    /// <summary>Runs <paramref name="action"/> once the first request that matches has its answer, so the requests after it fail.</summary>
    public void After(Func<Request, bool> match, Func<Task> action) => Arm(new Trap(match, AfterAnswer: true, action));

    /// <summary>
    /// Loses the answer of the first request that matches, once it was stored: the try fails as a dropped connection
    /// would, and the storage client sends the request again (as after a timeout whose request storage had applied).
    /// </summary>
    public void LoseAnswer(Func<Request, bool> match) => Arm(new Trap(match, AfterAnswer: true, () => throw new IOException("The answer was lost (test).")));

    public void Disarm()
    {
        lock (gate)
        {
            armed = null;
            Fired = false;
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var trap = Take(message.Request);
        if (trap is { AfterAnswer: false })
        {
            trap.Action().GetAwaiter().GetResult();
        }

        ProcessNext(message, pipeline);
        if (trap is { AfterAnswer: true })
        {
            trap.Action().GetAwaiter().GetResult();
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var trap = Take(message.Request);
        if (trap is { AfterAnswer: false })
        {
            await trap.Action();
        }

        await ProcessNextAsync(message, pipeline);
        if (trap is { AfterAnswer: true })
        {
            await trap.Action();
        }
    }

    /// <summary>A POST of an entity-group transaction: a sign-in or setup step's account change with its session rows.</summary>
    public static bool IsTransaction(Request request) => request.Method == RequestMethod.Post && Path(request).EndsWith("/$batch", StringComparison.Ordinal);

    /// <summary>A transaction on the table whose name (without the test prefix) is <paramref name="table"/>: its body names the table in each operation's URL.</summary>
    public static Func<Request, bool> IsTransactionOn(string table) => request =>
    {
        if (!IsTransaction(request) || request.Content is null)
        {
            return false;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, default);
        return System.Text.RegularExpressions.Regex.IsMatch(System.Text.Encoding.UTF8.GetString(body.ToArray()), "/[A-Za-z0-9]*" + table + "[( ]");
    };

    /// <summary>An insert into the table whose name (without the test prefix) is <paramref name="table"/>.</summary>
    public static Func<Request, bool> IsInsertInto(string table) => request => request.Method == RequestMethod.Post && Path(request).EndsWith(table, StringComparison.Ordinal);

    /// <summary>The insert of an audit row on its own (its row key is inverted ticks, in the account's partition of the Accounts table).</summary>
    public static bool IsAuditInsert(Request request)
    {
        if (!IsInsertInto("Accounts")(request) || request.Content is null)
        {
            return false;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, default);
        return System.Text.RegularExpressions.Regex.IsMatch(System.Text.Encoding.UTF8.GetString(body.ToArray()), "\"RowKey\":\"\\d{19}-");
    }

    /// <summary>The delete of a session row (logout).</summary>
    public static bool IsSessionDelete(Request request) => request.Method == RequestMethod.Delete && Path(request).Contains("RowKey='session-", StringComparison.Ordinal);

    private static string Path(Request request) => Uri.UnescapeDataString(request.Uri.ToUri().AbsolutePath);

    private void Arm(Trap trap)
    {
        lock (gate)
        {
            armed = trap;
            Fired = false;
        }
    }

    private Trap? Take(Request request)
    {
        lock (gate)
        {
            if (armed is not { } trap || !trap.Match(request))
            {
                return null;
            }

            armed = null;
            Fired = true;
            return trap;
        }
    }

    private sealed record Trap(Func<Request, bool> Match, bool AfterAnswer, Func<Task> Action);
}

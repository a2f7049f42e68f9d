using Azure.Core;
using Azure.Core.Pipeline;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// An Azure.Core pipeline policy that counts Table Storage requests (retries included), the writes among them, and the
/// reads that brought back an account row, so tests and benchmarks can hold each endpoint to its request budget.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    // In the JSON of a read, the account row's key (other tables' rows named "account" are not in the Accounts table).
    private static readonly BinaryData AccountRowKey = BinaryData.FromString("\"RowKey\":\"account\"");

    private long count;
    private long writes;
    private long accountReads;
    private long elapsedTicks;
    private long readTicks;

    public long Count => Interlocked.Read(ref count);

    /// <summary>The requests that can change storage (see <see cref="IsWrite"/>), attempted or not.</summary>
    public long Writes => Interlocked.Read(ref writes);

    /// <summary>The reads of the Accounts table (a point read or a query) whose answer held an account row.</summary>
    public long AccountReads => Interlocked.Read(ref accountReads);

    /// <summary>The time spent waiting for Table Storage's answers, summed over the requests (parallel requests each count whole).</summary>
    public TimeSpan Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref elapsedTicks));

    /// <summary>Of <see cref="Elapsed"/>, the time spent waiting for reads (GET and HEAD); the rest waited for writes.</summary>
    public TimeSpan ReadElapsed => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref readTicks));

    public void Reset()
    {
        Interlocked.Exchange(ref elapsedTicks, 0);
        Interlocked.Exchange(ref readTicks, 0);
        Interlocked.Exchange(ref count, 0);
        Interlocked.Exchange(ref writes, 0);
        Interlocked.Exchange(ref accountReads, 0);
    }

    /// <summary>
    /// Whether a Table Storage request can change anything: every method but GET and HEAD. That covers inserts (POST),
    /// updates and merges (PUT, MERGE, PATCH), deletes, table creation, and entity-group transactions (a POST to <c>$batch</c>).
    /// </summary>
    public static bool IsWrite(Request request) => request.Method != RequestMethod.Get && request.Method != RequestMethod.Head;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Waited(message.Request, start);
        RecordAnswer(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        Waited(message.Request, start);
        RecordAnswer(message);
    }

    private void Waited(Request request, long start)
    {
        var ticks = System.Diagnostics.Stopwatch.GetTimestamp() - start;
        Interlocked.Add(ref elapsedTicks, ticks);
        if (!IsWrite(request))
        {
            Interlocked.Add(ref readTicks, ticks);
        }
    }

    private void Record(Request request)
    {
        Interlocked.Increment(ref count);
        if (IsWrite(request))
        {
            Interlocked.Increment(ref writes);
        }
    }

    private void RecordAnswer(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get
            && message.HasResponse
            && message.Response.Status == 200
            && IsAccountsTable(message.Request.Uri.Path)
            && message.Response.Content.ToMemory().Span.IndexOf(AccountRowKey.ToMemory().Span) >= 0)
        {
            Interlocked.Increment(ref accountReads);
        }
    }

    // ".../{prefix}Accounts(PartitionKey='…',RowKey='…')" or ".../{prefix}Accounts()": the table segment, whatever its prefix.
    private static bool IsAccountsTable(string path)
    {
        var segment = path[(path.LastIndexOf('/') + 1)..];
        var open = segment.IndexOf('(');
        return open > 0 && segment[..open].EndsWith(TableNames.Accounts, StringComparison.Ordinal);
    }
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// An Azure.Core pipeline policy that counts Table Storage requests (retries included), and the writes
/// among them separately, so tests and benchmarks can hold each endpoint to its request budget.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private long count;
    private long writes;

    public long Count => Interlocked.Read(ref count);

    /// <summary>The requests that can change storage (see <see cref="IsWrite"/>), attempted or not.</summary>
    public long Writes => Interlocked.Read(ref writes);

    public void Reset()
    {
        Interlocked.Exchange(ref count, 0);
        Interlocked.Exchange(ref writes, 0);
    }

    /// <summary>
    /// Whether a Table Storage request can change anything: every method but GET and HEAD. That covers inserts (POST),
    /// updates and merges (PUT, MERGE, PATCH), deletes, table creation, and entity-group transactions (a POST to <c>$batch</c>).
    /// </summary>
    public static bool IsWrite(Request request) => request.Method != RequestMethod.Get && request.Method != RequestMethod.Head;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(Request request)
    {
        Interlocked.Increment(ref count);
        if (IsWrite(request))
        {
            Interlocked.Increment(ref writes);
        }
    }
}

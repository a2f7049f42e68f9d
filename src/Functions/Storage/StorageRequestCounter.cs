using Azure.Core;
using Azure.Core.Pipeline;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// An Azure.Core pipeline policy that counts Table Storage requests (retries included),
/// so tests and benchmarks can hold each endpoint to its request budget.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref count);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref count);
        return ProcessNextAsync(message, pipeline);
    }
}

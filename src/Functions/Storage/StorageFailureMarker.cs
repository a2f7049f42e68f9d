using Azure.Core;
using Azure.Core.Pipeline;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// An Azure.Core per-call policy (outside the retries) that marks every exception leaving the Table Storage pipeline,
/// so <see cref="StorageOutage"/> tells a storage connection failure from other I/O. The exception itself is not changed.
/// </summary>
public sealed class StorageFailureMarker : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception exception) when (Mark(exception))
        {
            // Never reached: the filter marks and declines, so the exception goes on unchanged, stack and all.
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception exception) when (Mark(exception))
        {
            // Never reached, as above.
        }
    }

    private static bool Mark(Exception exception)
    {
        StorageOutage.MarkFromPipeline(exception);
        return false;
    }
}

using System.Net.Sockets;
using Azure;

namespace CustomerPortal.Functions.Storage;

/// <summary>
/// The one place that decides whether a failure means Table Storage is out of reach (down, overloaded or too slow),
/// which every endpoint answers with 503 <c>storage_unavailable</c> and <see cref="RetryAfter"/>. Anything else is a bug.
/// </summary>
public static class StorageOutage
{
    /// <summary>How long a client is asked to wait before trying again: 5 seconds, a little more than one storage request with its retries takes to fail.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private const string FromPipelineKey = "CustomerPortal.Storage.FromPipeline";

    // 0: no answer at all (connection refused or reset, DNS); 408, 504: too slow; 429: throttled; 500, 503: failing or busy.
    // The 4xx answers the code handles as rules (404, 409, 412) are not outages.
    private static readonly int[] OutageStatuses = [0, 408, 429, 500, 503, 504];

    /// <summary>
    /// Whether <paramref name="exception"/> is a storage outage: a storage answer with an outage status, a timeout, or a
    /// connection failure from the storage pipeline (Azure.Core reports every try of a failed retry as one <see cref="AggregateException"/>).
    /// A request the client itself cancelled is never an outage.
    /// </summary>
    public static bool IsOutage(Exception exception, CancellationToken requestCancellation)
        => !requestCancellation.IsCancellationRequested && Classify(exception, fromPipeline: false);

    /// <summary>Marks an exception as having left the Table Storage pipeline (<see cref="StorageFailureMarker"/>).</summary>
    public static void MarkFromPipeline(Exception exception) => exception.Data[FromPipelineKey] = true;

    private static bool Classify(Exception exception, bool fromPipeline)
    {
        fromPipeline |= exception.Data[FromPipelineKey] is true;
        return exception switch
        {
            AggregateException { InnerExceptions.Count: > 0 } tries => tries.InnerExceptions.All(inner => Classify(inner, fromPipeline)),
            RequestFailedException failed => OutageStatuses.Contains(failed.Status),
            // Not the request's own cancellation (ruled out above), so a timeout: Azure.Core's network timeout throws TaskCanceledException.
            OperationCanceledException => true,
            // Other I/O on a request path (a client's broken request body) is not storage's: only the storage pipeline's counts.
            HttpRequestException or SocketException or IOException => fromPipeline,
            _ => false,
        };
    }
}

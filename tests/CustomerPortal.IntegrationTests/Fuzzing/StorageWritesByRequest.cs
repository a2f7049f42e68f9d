using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using CustomerPortal.Functions.Storage;
using Microsoft.AspNetCore.Http;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>
/// A Table Storage pipeline policy that files each write under the HTTP request being served (named by its
/// <see cref="Header"/>), so that requests sent in parallel can each be held to "nothing stored".
/// </summary>
public sealed class StorageWritesByRequest(IHttpContextAccessor accessor) : HttpPipelinePolicy
{
    public const string Header = "X-Fuzz-Request";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> writes = new(StringComparer.Ordinal);
    private long unattributed;

    /// <summary>Writes made outside any request that carried <see cref="Header"/> (the fuzzer's own setup, or a lost attribution).</summary>
    public long Unattributed => Interlocked.Read(ref unattributed);

    /// <summary>The writes made while serving request <paramref name="id"/>, as "METHOD path", in order.</summary>
    public IReadOnlyList<string> Of(string id) => writes.TryGetValue(id, out var list) ? [.. list] : [];

    public long Total => writes.Values.Sum(list => (long)list.Count);

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
        if (!StorageRequestCounter.IsWrite(request))
        {
            return;
        }

        // The accessor's context flows with the request's async work into the storage call.
        var id = accessor.HttpContext?.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(id))
        {
            Interlocked.Increment(ref unattributed);
            return;
        }

        writes.GetOrAdd(id, _ => new ConcurrentQueue<string>()).Enqueue($"{request.Method} {Uri.UnescapeDataString(request.Uri.Path)}");
    }
}

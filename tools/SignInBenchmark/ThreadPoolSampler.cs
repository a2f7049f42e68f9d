namespace CustomerPortal.SignInBenchmark;

/// <summary>
/// Samples the thread pool every 100 ms while a slice runs: password hashes block pool threads, so a queue that keeps
/// growing while threads are added one by one would mean starvation, not a lack of CPU.
/// </summary>
public sealed class ThreadPoolSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private readonly List<(int Threads, long Queued)> samples = [];

    public ThreadPoolSampler()
    {
        sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                lock (samples)
                {
                    samples.Add((ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount));
                }
            }
        });
    }

    /// <summary>Most pool threads seen, and the mean and most work items waiting for one.</summary>
    public (int MaxThreads, double MeanQueued, long MaxQueued) Summary()
    {
        lock (samples)
        {
            return samples.Count == 0 ? (0, 0, 0) : (samples.Max(s => s.Threads), samples.Average(s => s.Queued), samples.Max(s => s.Queued));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}

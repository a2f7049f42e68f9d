using System.Diagnostics;
using System.Net;

namespace CustomerPortal.SignInBenchmark;

/// <summary>
/// Concurrent correct-password sign-ins (<c>POST /api/auth/login</c> answering 200): each client signs in to its own
/// accounts in turn, so no two requests in flight share an account. In a slice the clients run without pause through a
/// warm-up and the measured window; only requests that end inside the window count towards the rate and latencies.
/// </summary>
public sealed class SignInLoad(BenchmarkAccount[] accounts, int clients)
{
    private readonly int[] nextTurn = new int[clients];

    public async Task<SignInSlice> RunSliceAsync(TimeSpan warmUp, TimeSpan measured)
    {
        await using var pool = new ThreadPoolSampler();
        var cpu = CpuMeter.Now();
        var start = Stopwatch.GetTimestamp();
        var end = warmUp + measured;
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var samples = new List<Sample>();
            while (Stopwatch.GetElapsedTime(start) < end)
            {
                // Client c signs in to accounts c, c + clients, c + 2 clients, ... in turn, carrying on where its last slice stopped.
                var own = (accounts.Length - client + clients - 1) / clients;
                var account = accounts[client + ((nextTurn[client]++ % own) * clients)];
                var began = Stopwatch.GetElapsedTime(start);
                var error = await SignInAsync(account);
                samples.Add(new Sample(began, Stopwatch.GetElapsedTime(start), error));
            }

            return samples;
        })));

        var cpuAfter = CpuMeter.Now();
        var all = perClient.SelectMany(samples => samples).ToList();
        var counted = all.Where(s => s.Error is null && s.Ended >= warmUp && s.Ended < end).ToList();
        return new SignInSlice(
            measured,
            counted.Select(s => (s.Ended - s.Began).TotalMilliseconds).ToList(),
            all.Count,
            all.Where(s => s.Error is not null).Select(s => s.Error!).ToList(),
            cpuAfter.Self - cpu.Self,
            cpuAfter.Children - cpu.Children,
            pool.Summary());
    }

    private static async Task<string?> SignInAsync(BenchmarkAccount account)
    {
        try
        {
            using var response = await account.Client.PostAsync("/api/auth/login", new { email = account.Email, password = BenchmarkAccount.Password });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }

            account.HasPendingSession = true;
            return null;
        }
        catch (Exception exception)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    private sealed record Sample(TimeSpan Began, TimeSpan Ended, string? Error);
}

/// <summary>
/// One slice of sign-ins: the measured window and the latencies of the sign-ins that ended in it; every request and
/// error of the slice (warm-up included), the CPU time the slice took in this process and in Azurite, and the thread pool.
/// </summary>
public sealed record SignInSlice(TimeSpan Measured, IReadOnlyList<double> Latencies, int Requests, IReadOnlyList<string> Errors, TimeSpan Cpu, TimeSpan AzuriteCpu,
    (int MaxThreads, double MeanQueued, long MaxQueued) ThreadPool)
{
    public double PerSecond => Latencies.Count / Measured.TotalSeconds;
}

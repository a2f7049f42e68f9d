using System.Diagnostics;
using System.Net;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Testing;

namespace CustomerPortal.SignInBenchmark;

/// <summary>
/// The authenticator step's latency beside the cheapest storage call: one client, no other load, alternating
/// <c>GET /api/health</c> and <c>POST /api/mfa/verify</c> with a fresh code on a pending session of a different
/// account each time (a code is accepted once per step and account).
/// </summary>
public static class VerifyLatency
{
    public static async Task<VerifyResult> RunAsync(PortalClient anonymous, BenchmarkAccount[] accounts, StorageRequestCounter storage, int warmUps)
    {
        var health = new Calls();
        var verify = new Calls();
        var errors = new List<string>();
        for (var i = 0; i < accounts.Length; i++)
        {
            var counted = i >= warmUps;
            await TimeAsync(() => anonymous.GetAsync("/api/health"), storage, counted ? health : null, errors);
            var account = accounts[i];
            var (code, step) = account.NextTotpCode();
            if (await TimeAsync(() => account.Client.PostAsync("/api/mfa/verify", new { method = "totp", code }), storage, counted ? verify : null, errors))
            {
                account.Accepted(step);
                account.HasPendingSession = false;
            }
        }

        return new VerifyResult(
            new Latencies(health.Milliseconds), health.StorageRequestsPerCall,
            new Latencies(verify.Milliseconds), verify.StorageRequestsPerCall,
            errors)
        {
            HealthStorageMilliseconds = new Latencies(health.StorageMilliseconds),
            VerifyStorageMilliseconds = new Latencies(verify.StorageMilliseconds),
            VerifyStorageReadMilliseconds = new Latencies(verify.StorageReadMilliseconds),
            VerifyStorageWriteMilliseconds = new Latencies(verify.StorageMilliseconds.Zip(verify.StorageReadMilliseconds, (all, read) => all - read).ToList()),
        };
    }

    /// <summary>Times one call; a warm-up call (no <paramref name="calls"/>) gives no latency, but its error counts.</summary>
    internal static async Task<bool> TimeAsync(Func<Task<HttpResponseMessage>> call, StorageRequestCounter storage, Calls? calls, List<string> errors)
    {
        storage.Reset();
        var start = Stopwatch.GetTimestamp();
        string? error;
        try
        {
            using var response = await call();
            error = response.StatusCode == HttpStatusCode.OK
                ? null
                : $"{response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }
        catch (Exception exception)
        {
            error = $"{exception.GetType().Name}: {exception.Message}";
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (error is not null)
        {
            errors.Add(error);
            return false;
        }

        calls?.Add(elapsed, storage.Count, storage.Elapsed.TotalMilliseconds, storage.ReadElapsed.TotalMilliseconds);
        return true;
    }

    internal sealed class Calls
    {
        private long storageRequests;

        public List<double> Milliseconds { get; } = [];

        /// <summary>Of each call, the time its storage requests took to answer.</summary>
        public List<double> StorageMilliseconds { get; } = [];

        /// <summary>Of <see cref="StorageMilliseconds"/>, the time its reads took to answer (the rest is its writes').</summary>
        public List<double> StorageReadMilliseconds { get; } = [];

        public double StorageRequestsPerCall => Milliseconds.Count == 0 ? double.NaN : (double)storageRequests / Milliseconds.Count;

        public void Add(double milliseconds, long storage, double storageMilliseconds, double storageReadMilliseconds)
        {
            Milliseconds.Add(milliseconds);
            StorageMilliseconds.Add(storageMilliseconds);
            StorageReadMilliseconds.Add(storageReadMilliseconds);
            storageRequests += storage;
        }
    }
}

/// <summary>Health and TOTP verify latencies from the same run, the Table Storage requests each made, and the errors of either.</summary>
public sealed record VerifyResult(Latencies Health, double HealthStorageRequests, Latencies Verify, double VerifyStorageRequests, IReadOnlyList<string> Errors)
{
    /// <summary>Of each call, the time spent waiting for storage's answers (Azurite's work on this machine, plus the loopback).</summary>
    public Latencies HealthStorageMilliseconds { get; init; } = new([]);

    public Latencies VerifyStorageMilliseconds { get; init; } = new([]);

    /// <summary>Of <see cref="VerifyStorageMilliseconds"/>, the wait for its read (the partition query) ...</summary>
    public Latencies VerifyStorageReadMilliseconds { get; init; } = new([]);

    /// <summary>... and for its write (the entity-group transaction).</summary>
    public Latencies VerifyStorageWriteMilliseconds { get; init; } = new([]);
}

using System.Diagnostics;
using CustomerPortal.Functions.Passwords;

namespace CustomerPortal.SignInBenchmark;

/// <summary>
/// The password-hash limit: how many password checks per second the portal's own hasher does on one thread per core,
/// with nothing else running. A sign-in costs one check, so no server on this machine can sign in faster.
/// </summary>
public static class HashLimit
{
    public static HashSlice Measure(PortalPasswordHasher hasher, int threads, TimeSpan duration)
    {
        var stored = hasher.Hash(BenchmarkAccount.Password);
        var rates = new double[threads];
        var counts = new int[threads];

        // Measured from here: the hash made above would add one to the CPU time, and none to the count.
        var cpu = CpuMeter.Now().Self;
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            var count = 0;
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                if (hasher.Verify(stored, BenchmarkAccount.Password) != PasswordCheck.Success)
                {
                    throw new InvalidOperationException("The hasher refused the right password.");
                }

                count++;
            }

            // Each thread's own rate: threads stop at different moments, up to one hash after the deadline.
            rates[i] = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
            counts[i] = count;
        })
        { IsBackground = true, Name = $"hash-limit-{i}" }).ToList();

        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        return new HashSlice(rates.Sum(), counts.Sum(), CpuMeter.Now().Self - cpu);
    }
}

/// <summary>One slice of the hash limit: hashes per second on all threads, how many hashes, and the CPU time they took.</summary>
public sealed record HashSlice(double PerSecond, int Hashes, TimeSpan Cpu)
{
    public TimeSpan CpuPerHash => Cpu / Hashes;
}

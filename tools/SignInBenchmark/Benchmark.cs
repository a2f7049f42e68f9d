using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SignIn.Throttling;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.SignInBenchmark;

/// <summary>One run: Azurite and the local host in this process, seeded accounts, then (a) the hash limit and (b) sign-ins in turns, then (c) TOTP verify.</summary>
public static class Benchmark
{
    public static async Task<BenchmarkReport> RunAsync(BenchmarkOptions options, TextWriter progress)
    {
        var loadAtStart = Machine.LoadAverage();
        progress.WriteLine("Starting Azurite and the local host...");
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await PortalTestHost.StartAsync(
            azurite.ConnectionString,
            // The apps of (d), the sign-in throttle at the product's limits, and a hasher that counts the attacker's guesses of (e).
            Settings(SsoLatency.AppRegistration, PortalTestHost.ProductThrottle),
            services => services.AddSingleton<PortalPasswordHasher>(provider => new AttackerCountingHasher(provider.GetRequiredService<IOptions<PasswordOptions>>())));
        var hasher = host.Services.GetRequiredService<PortalPasswordHasher>();
        var iterations = host.Services.GetRequiredService<IOptions<PasswordOptions>>().Value.IterationCount;

        // One connection pool for every client, as in a load generator; each account's client keeps its own cookie.
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        PortalClient NewClient() => new(new HttpClient(handler, disposeHandler: false) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) });

        var started = TimeProvider.System.GetTimestamp();
        progress.WriteLine($"Seeding {options.Accounts} accounts (activation and the authenticator app)...");
        var accounts = await AccountSeeder.SeedAsync(NewClient, options.Accounts, options.Clients);
        progress.WriteLine($"Seeded in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s.");

        // Each customer signs in from an address (and a /24) of their own, as customers at home do; the throttle counts per address.
        for (var i = 0; i < accounts.Length; i++)
        {
            accounts[i].Client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.{i / 256}.{i % 256}.7");
        }

        // H S H S ... S H: every sign-in slice sits between two hash-limit slices taken moments before and after it.
        var signInTime = TimeSpan.FromSeconds((double)options.Seconds / options.Rounds);
        var hashTime = signInTime / 2;
        var load = new SignInLoad(accounts, options.Clients);
        var hashSlices = new List<HashSlice>();
        var signInSlices = new List<SignInSlice>();
        host.StorageRequests.Reset();
        for (var round = 0; round <= options.Rounds; round++)
        {
            progress.WriteLine($"(a) Password-hash limit on {Environment.ProcessorCount} threads for {hashTime.TotalSeconds:F1} s...");
            hashSlices.Add(HashLimit.Measure(hasher, Environment.ProcessorCount, hashTime));
            if (round == options.Rounds)
            {
                break;
            }

            var warmUp = TimeSpan.FromSeconds(round == 0 ? options.WarmUpSeconds : 1);
            progress.WriteLine($"(b) Sign-ins from {options.Clients} clients: {warmUp.TotalSeconds:F0} s warm-up, {signInTime.TotalSeconds:F1} s measured (round {round + 1} of {options.Rounds})...");
            var slice = await load.RunSliceAsync(warmUp, signInTime);
            progress.WriteLine(
                $"    {slice.PerSecond:F1} sign-ins/s, {slice.Errors.Count} errors; thread pool at most {slice.ThreadPool.MaxThreads} threads, " +
                $"{slice.ThreadPool.MeanQueued:F1} work items waiting on average, {slice.ThreadPool.MaxQueued} at most");
            signInSlices.Add(slice);
        }

        var signInStorageRequests = (double)host.StorageRequests.Count / signInSlices.Sum(slice => slice.Requests);

        // (e) N A R N A R ...: customers alone, with an attacker from one address, from 256 addresses of one /24, in turns.
        var customerRate = signInSlices.Sum(s => s.Latencies.Count) / signInSlices.Sum(s => s.Measured.TotalSeconds) * options.CustomerShare / 100;
        var throttle = host.Services.GetRequiredService<IOptions<SignInThrottleOptions>>().Value;
        var attack = new AttackScenario(accounts, handler, host.BaseAddress, (AttackerCountingHasher)hasher, throttle);
        var attackSlices = new List<AttackSlice>();
        for (var round = 0; round < options.AttackRounds; round++)
        {
            foreach (var kind in new[] { null, AttackScenario.OneAddress, AttackScenario.OneRange })
            {
                progress.WriteLine($"(e) Customers at {customerRate:F1} sign-ins/s for {options.AttackSeconds} s, attack: {kind ?? "none"} (round {round + 1} of {options.AttackRounds})...");
                var slice = await attack.RunSliceAsync(kind, round, customerRate, TimeSpan.FromSeconds(options.AttackSeconds), TimeSpan.FromSeconds(options.AttackWarmUp), options.Attackers);
                progress.WriteLine(
                    $"    customers p50 {new Latencies(slice.Latencies).P50:F0} ms, {slice.Errors.Count} errors; attacker {slice.Attack.Requests} requests " +
                    $"({slice.Attack.Checked} checked, {slice.Attack.Challenged} challenged, {slice.Attack.Refused} refused, {slice.Attack.Other} other), " +
                    $"{slice.Hashes} hashes ({slice.Free} free)");
                attackSlices.Add(slice);
            }
        }

        var unsigned = accounts.Where(a => !a.HasPendingSession).ToArray();
        progress.WriteLine($"(c) Signing in {unsigned.Length} accounts the load missed, then health and TOTP verify from one client...");
        await Parallel.ForEachAsync(unsigned, new ParallelOptions { MaxDegreeOfParallelism = options.Clients }, async (account, _) =>
        {
            using var response = await account.Client.PostAsync("/api/auth/login", new { email = account.Email, password = BenchmarkAccount.Password });
            account.HasPendingSession = response.IsSuccessStatusCode;
        });
        using var anonymous = NewClient();
        var verify = await VerifyLatency.RunAsync(anonymous, accounts, host.StorageRequests, warmUps: Math.Min(10, accounts.Length / 10));
        var signedIn = accounts.Where(account => !account.HasPendingSession).ToArray();
        progress.WriteLine($"(d) Single sign-on for {signedIn.Length} signed-in customers (authorize and token), alternating with health, from one client...");
        var sso = await SsoLatency.RunAsync(anonymous, signedIn, host.StorageRequests, warmUps: Math.Min(10, signedIn.Length / 10));

        return new BenchmarkReport(options, iterations, Machine.Describe(), loadAtStart, Machine.LoadAverage(), hashSlices, signInSlices, signInStorageRequests, verify, sso, customerRate, attackSlices);
    }

    private static Dictionary<string, string?> Settings(params IEnumerable<KeyValuePair<string, string?>>[] parts)
    {
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning" };
        foreach (var pair in parts.SelectMany(part => part))
        {
            settings[pair.Key] = pair.Value;
        }

        return settings;
    }
}

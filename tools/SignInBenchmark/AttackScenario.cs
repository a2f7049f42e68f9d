using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Testing;
using Microsoft.Extensions.Options;

namespace CustomerPortal.SignInBenchmark;

/// <summary>
/// (e) Credential stuffing during real sign-ins (issue 25). Real customers sign in at a paced rate (a share of the rate (b) measured,
/// each from an address of their own) in three kinds of slice, taken in turns so each kind sees the same machine: no attack; an
/// attacker sending wrong passwords as fast as its connections allow from one address; and the same from all 256 addresses of one
/// /24, a new address each request. The attacker never solves a challenge (a bot that does pays for it on its own CPU, not ours).
/// Each attack slice uses an address (or /24) no earlier slice used, so its free hashes are the throttle's own limit:
/// <c>ChallengeAfterPerAddress</c> for one address, <c>ChallengeAfterPerRange</c> for a /24, again for each new counting window the
/// slice reaches. <see cref="AttackerCountingHasher"/> counts the hashes of the attacker's passwords on the server side.
/// </summary>
public sealed class AttackScenario(BenchmarkAccount[] accounts, HttpMessageHandler handler, Uri baseAddress, AttackerCountingHasher hasher, Functions.SignIn.Throttling.SignInThrottleOptions throttle)
{
    public const string OneAddress = "one address";
    public const string OneRange = "256 addresses of one /24";

    private int nextAccount;
    private int guesses;

    /// <summary>A slice: customers at <paramref name="perSecond"/> for <paramref name="duration"/>, with the attack <paramref name="kind"/> (null: none; else from <paramref name="warmUp"/> before) in round <paramref name="round"/>.</summary>
    public async Task<AttackSlice> RunSliceAsync(string? kind, int round, double perSecond, TimeSpan duration, TimeSpan warmUp, int attackers)
    {
        var hashesBefore = hasher.AttackerHashes;
        var windowsBefore = Window(DateTimeOffset.UtcNow);
        long start;

        // The attack starts warmUp before the customers (and so before the customers' clock), and spends its free allowance
        // (10 or 30 hashes at once) there: the customers measure the attack as it goes on, not its first second.
        var attack = kind is null
            ? Task.FromResult(new AttackCounts(0, 0, 0, 0, 0))
            : RunAttackAsync(kind, round, attackers, Stopwatch.GetTimestamp(), warmUp + duration);
        if (kind is not null)
        {
            await Task.Delay(warmUp);
        }

        start = Stopwatch.GetTimestamp();

        // Open loop: sign-in i starts at i / perSecond whatever the earlier ones are doing; its latency counts from that moment.
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var customers = new List<Task<(double Milliseconds, string? Error)>>();
        for (var i = 0; ; i++)
        {
            var due = interval * i;
            if (due >= duration)
            {
                break;
            }

            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var account = accounts[Interlocked.Increment(ref nextAccount) % accounts.Length];
            customers.Add(SignInAsync(account, start, due));
        }

        var results = await Task.WhenAll(customers);
        var counts = await attack;
        var windows = Window(DateTimeOffset.UtcNow) - windowsBefore + 1;
        var free = (kind == OneAddress ? throttle.ChallengeAfterPerAddress : kind == OneRange ? throttle.ChallengeAfterPerRange : 0) * windows;
        var hashed = hasher.AttackerHashes - hashesBefore;
        return new AttackSlice(
            kind,
            results.Where(r => r.Error is null).Select(r => r.Milliseconds).ToList(),
            results.Where(r => r.Error is not null).Select(r => r.Error!).ToList(),
            counts,
            hashed,
            Math.Max(0, hashed - free),
            free);
    }

    private long Window(DateTimeOffset now) => now.UtcTicks / throttle.Window.Ticks;

    private async Task<AttackCounts> RunAttackAsync(string kind, int round, int attackers, long start, TimeSpan duration)
    {
        // One client, several connections, no pause: every answer is followed at once by the next guess.
        using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        long checkedCount = 0, refused = 0, challenged = 0, other = 0;
        await Task.WhenAll(Enumerable.Range(0, attackers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                var n = Interlocked.Increment(ref guesses);
                var address = kind == OneAddress ? $"203.0.113.{round + 1}" : $"198.51.{100 + round}.{n % 256}";
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
                {
                    // Leaked pairs are mostly for emails this portal does not know; an unknown email costs the same hash (rule RD8)
                    // and locks no real customer out, so the customers' own sign-ins measure the attack and nothing else.
                    Content = JsonContent.Create(new { email = $"leaked-{n}@example.net", password = AttackerCountingHasher.Marker + n }),
                };
                request.Headers.Add("X-Forwarded-For", address);
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    Interlocked.Increment(ref checkedCount);
                    continue;
                }

                var code = response.StatusCode == HttpStatusCode.TooManyRequests
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()
                    : null;
                switch (code)
                {
                    case "too_many_attempts": Interlocked.Increment(ref refused); break;
                    case "challenge_required": Interlocked.Increment(ref challenged); break;
                    default: Interlocked.Increment(ref other); break;
                }
            }
        })));

        return new AttackCounts(checkedCount + refused + challenged + other, checkedCount, challenged, refused, other);
    }

    private static async Task<(double, string?)> SignInAsync(BenchmarkAccount account, long start, TimeSpan due)
    {
        try
        {
            using var response = await account.Client.PostAsync("/api/auth/login", new { email = account.Email, password = BenchmarkAccount.Password });
            var took = (Stopwatch.GetElapsedTime(start) - due).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (took, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            account.HasPendingSession = true;
            return (took, null);
        }
        catch (Exception exception)
        {
            return (0, $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}

/// <summary>What the attacker sent in a slice and what it got: 401 (checked: a hash), 429 challenge_required, 429 too_many_attempts, anything else.</summary>
public sealed record AttackCounts(long Requests, long Checked, long Challenged, long Refused, long Other);

/// <summary>
/// One slice of (e): the customers' latencies and errors, what the attacker got, the hashes its passwords cost on the server, how many
/// of them were past the throttle's free allowance, and that allowance.
/// </summary>
public sealed record AttackSlice(string? Kind, IReadOnlyList<double> Latencies, IReadOnlyList<string> Errors, AttackCounts Attack, long Hashes, long HashesPastLimit, long Free);

/// <summary>The portal's hasher, counting the checks of the attacker's passwords (they start with <see cref="Marker"/>): the server's own count.</summary>
public sealed class AttackerCountingHasher(IOptions<PasswordOptions> options) : PortalPasswordHasher(options)
{
    public const string Marker = "stuffing-guess-";

    private long attackerHashes;

    public long AttackerHashes => Interlocked.Read(ref attackerHashes);

    public override PasswordCheck Verify(string? storedHash, string password)
    {
        if (password.StartsWith(Marker, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref attackerHashes);
        }

        return base.Verify(storedHash, password);
    }
}

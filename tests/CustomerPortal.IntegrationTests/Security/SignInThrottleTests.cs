using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static CustomerPortal.IntegrationTests.Infrastructure.ThrottleJourneys;

namespace CustomerPortal.IntegrationTests.Security;

/// <summary>
/// Credential stuffing stays off the password hash (issue 25, docs/security-rules.md AB1-AB8): with the product's limits, over
/// real Azurite, each test on a host of its own (its own tables, so its own counts) with a hasher that counts every check.
/// Challenges are cheap here (100 iterations, at most 20 tries) so a test can pay them like a determined bot.
/// </summary>
public sealed class SignInThrottleTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    private const string Guess = "Winter2024!guess";

    [Fact]
    public async Task TwoHundredWrongPasswords_FromOneAddress_AcrossTwoHundredAccounts_AreRefusedPastTheLimit_WithoutHashing_WhileARememberedDeviceSignsIn()
    {
        await using var host = await StartAsync();
        var hasher = Hasher(host);
        var emails = await SeedActivatedAsync(host, 200);
        const string office = "203.0.113.7";

        // A customer behind the same address remembered this browser before the attack.
        using var customer = new PortalClient(host.CreateClient()).From(office);
        var customerEmail = Journeys.NewEmail();
        await Journeys.ActivateAsync(customer, customerEmail);
        await customer.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        var setup = await PortalClient.ReadJsonAsync(await customer.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, Time(host)), rememberDevice = true })).StatusCode);
        await customer.PostAsync("/api/auth/logout");

        using var attacker = new PortalClient(host.CreateClient()).From(office);
        var before = hasher.Checks;
        var answers = new List<(HttpStatusCode Status, string? Code, string? RetryAfter)>();
        foreach (var email in emails)
        {
            var response = await LoginPayingAsync(attacker, email, Guess);
            answers.Add((response.StatusCode, await Journeys.ProblemCodeAsync(response), response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString()));
        }

        var hashed = hasher.Checks - before;
        output.WriteLine($"200 wrong passwords from one address: {answers.Count(a => a.Status == HttpStatusCode.Unauthorized)} checked (401), " +
            $"{answers.Count(a => a.Code == "too_many_attempts")} refused (429 too_many_attempts); {hashed} password hashes");
        // 10 free, 20 more each after a solved challenge (AB2), then the address's limit of 30 (AB1).
        Assert.All(answers.Take(30), a => Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (a.Status, a.Code)));
        Assert.All(answers.Skip(30), a => Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_attempts"), (a.Status, a.Code)));
        Assert.All(answers.Skip(30), a => Assert.InRange(int.Parse(a.RetryAfter!), 1, 900));
        Assert.Equal(30, hashed);

        // During the attack: the remembered device signs in (not throttled by address); anyone else from the address is refused
        // unchecked, known email or not; another range is not throttled at all.
        var checks = hasher.Checks;
        var signedIn = await Journeys.LoginAsync(customer, customerEmail);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("signed-in", (await PortalClient.ReadJsonAsync(signedIn)).GetProperty("stage").GetString());
        Assert.Equal(checks + 1, hasher.Checks);
        using var colleague = new PortalClient(host.CreateClient()).From(office);
        Assert.Equal("too_many_attempts", await Journeys.ProblemCodeAsync(await Journeys.LoginAsync(colleague, emails[0])));
        Assert.Equal("too_many_attempts", await Journeys.ProblemCodeAsync(await Journeys.LoginAsync(colleague, Journeys.NewEmail())));
        Assert.Equal(checks + 1, hasher.Checks);
        using var elsewhere = new PortalClient(host.CreateClient()).From("192.0.2.44");
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(elsewhere, emails[0])).StatusCode);
    }

    [Fact]
    public async Task RotatedAddresses_InsideOneSlash24_AreStillThrottled_AsOneRange()
    {
        await using var host = await StartAsync();
        var hasher = Hasher(host);
        var emails = await SeedActivatedAsync(host, 101);
        var before = hasher.Checks;

        // Each guess from a new address of 198.51.100.0/24: no address ever reaches its own limits.
        var answers = new List<(HttpStatusCode Status, string? Code)>();
        for (var i = 0; i < 100; i++)
        {
            using var rotated = new PortalClient(host.CreateClient()).From($"198.51.100.{i + 1}");
            var first = await LoginAsync(rotated, emails[i], Guess);
            var code = await Journeys.ProblemCodeAsync(first);
            answers.Add((first.StatusCode, code));
            if (code == "challenge_required")
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(rotated, emails[i], Guess, await SolveAsync(first))).StatusCode);
            }
        }

        // The range asks every address of it for a challenge from its 30th failure (AB3), and refuses at its 100th (AB4).
        Assert.All(answers.Take(30), a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.All(answers.Skip(30), a => Assert.Equal("challenge_required", a.Code));
        Assert.Equal(100, hasher.Checks - before);
        using var fresh = new PortalClient(host.CreateClient()).From("198.51.100.250");
        var refused = await LoginAsync(fresh, emails[100], Guess);
        Assert.Equal("too_many_attempts", await Journeys.ProblemCodeAsync(refused));
        Assert.NotNull(refused.Headers.RetryAfter);
        using var neighbour = new PortalClient(host.CreateClient()).From("198.51.101.9");
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(neighbour, emails[100], Guess)).StatusCode);
        Assert.Equal(101, hasher.Checks - before);
    }

    [Fact]
    public async Task ParallelWrongPasswords_FromOneAddress_CountExactly_AndNoneHashesPastALimit()
    {
        await using var host = await StartAsync();
        var hasher = Hasher(host);
        var emails = await SeedActivatedAsync(host, 40);
        using var attacker = new PortalClient(host.CreateClient()).From("2001:db8:25:1::99");

        // 40 at once with no challenge solved: exactly the 10 free ones are checked.
        var first = await Task.WhenAll(emails.Select(email => LoginAsync(attacker, email, Guess)));
        var challenged = new List<HttpResponseMessage>();
        foreach (var response in first.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(response));
            challenged.Add(response);
        }

        Assert.Equal(10, first.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(30, challenged.Count);
        Assert.Equal(10, hasher.Checks);

        // 30 at once, each with a challenge of its own solved: exactly 20 more are checked, up to the limit of 30.
        var payloads = await Task.WhenAll(challenged.Select(SolveAsync));
        var second = await Task.WhenAll(payloads.Select((payload, i) => LoginAsync(attacker, emails[i], Guess, payload)));
        var refused = 0;
        foreach (var response in second.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            Assert.Equal("too_many_attempts", await Journeys.ProblemCodeAsync(response));
            refused++;
        }

        output.WriteLine($"parallel: {first.Length} then {second.Length} requests; {hasher.Checks} hashes");
        Assert.Equal(20, second.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(10, refused);
        Assert.Equal(30, hasher.Checks);
    }

    [Fact]
    public async Task ASuccessfulSignIn_GivesItsCountBack_SoCustomersBehindOneAddressAreNotChallengedForSigningIn()
    {
        await using var host = await StartAsync();
        var emails = await SeedActivatedAsync(host, 3);
        using var client = new PortalClient(host.CreateClient()).From("192.0.2.10");
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, emails[0], Guess)).StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, emails[1])).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, emails[2], Guess)).StatusCode);
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await LoginAsync(client, emails[2], Guess)));
    }

    [Fact]
    public async Task FailuresAcrossTheService_AskEveryAddressForAChallenge_AndCountAsServed()
    {
        await using var host = await StartAsync(new() { ["SignInThrottle:ServiceWideShards"] = "1", ["SignInThrottle:ChallengeAfterServiceWide"] = "5" });
        using var metrics = new MetricCapture(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var emails = await SeedActivatedAsync(host, 6);
        for (var i = 0; i < 5; i++)
        {
            using var bot = new PortalClient(host.CreateClient()).From($"192.0.{i}.1");
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(bot, emails[i], Guess)).StatusCode);
        }

        using var anyone = new PortalClient(host.CreateClient()).From("203.0.113.200");
        var challenged = await Journeys.LoginAsync(anyone, emails[5]);
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(challenged));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(anyone, emails[5], Journeys.Password, await SolveAsync(challenged))).StatusCode);
        Assert.Equal(1, metrics.Sum(PortalMetrics.Challenges, "action=sign_in", "outcome=served", "scope=service"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.Challenges, "action=sign_in", "outcome=solved", "scope=service"));
    }

    [Fact]
    public async Task ResetLinksAndPasswordlessOptions_FromAnAddressUnderAttack_NeedASolvedChallengeOfTheirOwn_SpentOnce()
    {
        await using var host = await StartAsync();
        var emails = await SeedActivatedAsync(host, 10);
        const string address = "198.51.100.77";
        using var client = new PortalClient(host.CreateClient()).From(address);
        using var calm = new PortalClient(host.CreateClient()).From("192.0.2.200");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/password-reset", new { email = emails[0] })).StatusCode);
        foreach (var email in emails)
        {
            await LoginAsync(client, email, Guess);
        }

        var reset = await client.PostAsync("/api/auth/password-reset", new { email = emails[0] });
        var challenge = await ChallengeOfAsync(reset);
        Assert.Equal("password_reset", challenge.GetProperty("parameters").GetProperty("data").GetProperty("action").GetString());
        var payload = AltchaSolver.Solve(challenge);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/password-reset", new { email = emails[0], altcha = payload })).StatusCode);
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await client.PostAsync("/api/auth/password-reset", new { email = emails[0], altcha = payload })));
        Assert.Equal(HttpStatusCode.Accepted, (await calm.PostAsync("/api/auth/password-reset", new { email = emails[0] })).StatusCode);

        // A sign-in's challenge does not open the passwordless options; their own does, once.
        var signIn = await SolveAsync(await LoginAsync(client, emails[0], Guess));
        var options = await client.PostAsync("/api/auth/passkey/options");
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(options));
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await client.PostAsync("/api/auth/passkey/options", new { altcha = signIn })));
        var own = await SolveAsync(options);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/passkey/options", new { altcha = own })).StatusCode);
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await client.PostAsync("/api/auth/passkey/options", new { altcha = own })));
        Assert.Equal(HttpStatusCode.OK, (await calm.PostAsync("/api/auth/passkey/options")).StatusCode);
    }

    [Fact]
    public async Task AnAddressReadAsChallengedOrRefused_IsAnsweredFromTheInstancesMemory_WithoutStorage_UntilItsWindowEnds()
    {
        var tables = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await StartAsync(new() { ["Storage:TablePrefix"] = tables });
        var emails = await SeedActivatedAsync(host, 31);
        using var attacker = new PortalClient(host.CreateClient()).From("203.0.113.61");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(attacker, emails[i], Guess)).StatusCode);
        }

        // The 11th reads the counts (AB2) and the instance remembers the address; then nothing from it without a solved
        // challenge costs a storage request, sign-in, reset link or passwordless options alike.
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await LoginAsync(attacker, emails[10], Guess)));
        host.StorageRequests.Reset();
        var remembered = await LoginAsync(attacker, emails[11], Guess);
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(remembered));
        Assert.Equal("sign_in", (await ChallengeOfAsync(remembered)).GetProperty("parameters").GetProperty("data").GetProperty("action").GetString());
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await LoginAsync(attacker, Journeys.NewEmail(), Guess)));
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await attacker.PostAsync("/api/auth/password-reset", new { email = emails[0] })));
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await attacker.PostAsync("/api/auth/passkey/options")));
        Assert.Equal(0, host.StorageRequests.Count);

        // Only stricter: the counts stay in storage, so another instance on the same tables, with nothing remembered, answers the same.
        await using var other = await StartAsync(new() { ["Storage:TablePrefix"] = tables });
        using var sameAddress = new PortalClient(other.CreateClient()).From("203.0.113.61");
        Assert.Equal("challenge_required", await Journeys.ProblemCodeAsync(await LoginAsync(sameAddress, emails[11], Guess)));
        Assert.True(other.StorageRequests.Count > 0);

        // A solved challenge is checked against storage (it is spent there), up to the address's limit (AB1) ...
        for (var i = 10; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginPayingAsync(attacker, emails[i], Guess)).StatusCode);
        }

        Assert.Equal("too_many_attempts", await Journeys.ProblemCodeAsync(await LoginPayingAsync(attacker, emails[30], Guess)));

        // ... and a refusal, once counted or read, is remembered too: with or without a challenge's answer, Retry-After to the window's end.
        host.StorageRequests.Reset();
        var refused = await LoginAsync(attacker, emails[30], Guess, "not-even-a-payload");
        Assert.Equal("too_many_attempts", await Journeys.ProblemCodeAsync(refused));
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 900);
        Assert.Equal("too_many_attempts", await Journeys.ProblemCodeAsync(await LoginAsync(attacker, emails[0], Guess)));
        Assert.Equal(0, host.StorageRequests.Count);

        // The window's end forgets it: the next sign-in is counted in the new window, and checked.
        Time(host).Advance(refused.Headers.RetryAfter.Delta.Value + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(attacker, emails[0], Guess)).StatusCode);
        Assert.True(host.StorageRequests.Count > 0);
    }

    [Fact]
    public async Task AnswersToASuspectedAddress_AreHeldBeforeTheyAreSent_InParallel_SoABotsConnectionsWaitInsteadOfSpendingCpu()
    {
        var hold = TimeSpan.FromMilliseconds(600);
        await using var host = await StartAsync(new() { ["SignInThrottle:HoldAnswers"] = hold.ToString() });
        var emails = await SeedActivatedAsync(host, 12);
        using var attacker = new PortalClient(host.CreateClient()).From("198.51.100.31");
        for (var i = 0; i < 10; i++)
        {
            var checkedGuess = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(attacker, emails[i], Guess)).StatusCode);
            output.WriteLine($"guess {i + 1}: {checkedGuess.ElapsedMilliseconds} ms");
        }

        // From the 11th: each challenge (read from storage or remembered), reset-link and options answer waits out the hold;
        // eight at once wait together, not one after another.
        var timed = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var watch = Stopwatch.StartNew();
            var response = i switch
            {
                6 => await attacker.PostAsync("/api/auth/password-reset", new { email = emails[0] }),
                7 => await attacker.PostAsync("/api/auth/passkey/options"),
                _ => await LoginAsync(attacker, emails[10 + (i % 2)], Guess),
            };
            return (Code: await Journeys.ProblemCodeAsync(response), Elapsed: watch.Elapsed);
        }));
        output.WriteLine(string.Join(", ", timed.Select(t => $"{t.Code} {t.Elapsed.TotalMilliseconds:F0} ms")));
        Assert.All(timed, t => Assert.Equal("challenge_required", t.Code));
        Assert.All(timed, t => Assert.True(t.Elapsed >= hold - TimeSpan.FromMilliseconds(20), $"answered after {t.Elapsed.TotalMilliseconds:F0} ms"));
        Assert.True(timed.Max(t => t.Elapsed) < hold * 4, $"the slowest of eight took {timed.Max(t => t.Elapsed).TotalMilliseconds:F0} ms");

        // A solved challenge is not held: it is let through to its check at once (the customer behind the address pays the work, not a wait).
        var paid = await SolveAsync(await LoginAsync(attacker, emails[10], Guess));
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(attacker, emails[11], Journeys.Password, paid)).StatusCode);
        output.WriteLine($"solved sign-in: {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task AChallengeSolvedByTheAltchaProjectsOwnLibrary_IsAccepted()
    {
        await using var host = await StartAsync(new() { ["Challenges:Cost"] = "1000", ["Challenges:MaxCounter"] = "200" });
        var emails = await SeedActivatedAsync(host, 11);
        using var client = new PortalClient(host.CreateClient()).From("203.0.113.99");
        for (var i = 0; i < 10; i++)
        {
            await LoginAsync(client, emails[i], Guess);
        }

        var challenge = await ChallengeOfAsync(await Journeys.LoginAsync(client, emails[10]));
        var payload = await SolveWithNodeAsync(challenge);

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, emails[10], Journeys.Password, payload)).StatusCode);
    }

    private async Task<PortalTestHost> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(PortalTestHost.ProductThrottle)
        {
            // Hundreds of refusals a test: their hold (AB12) has a test of its own.
            ["SignInThrottle:HoldAnswers"] = "00:00:00",
            ["Challenges:Cost"] = "100",
            ["Challenges:MaxCounter"] = "20",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var time = new FakeTimeProvider(portal.Time.GetUtcNow());
        return await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, settings, services =>
        {
            services.AddSingleton<TimeProvider>(time);
            CountingPasswordHasher.Register(services);
        });
    }

    private static CountingPasswordHasher Hasher(PortalTestHost host) => (CountingPasswordHasher)host.Services.GetRequiredService<PortalPasswordHasher>();

    private static FakeTimeProvider Time(PortalTestHost host) => (FakeTimeProvider)host.Services.GetRequiredService<TimeProvider>();

    private static async Task<string> SolveWithNodeAsync(JsonElement challenge)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Security", "solve-altcha.mjs") },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        await process.StandardInput.WriteAsync(challenge.GetRawText());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        return await stdout;
    }
}

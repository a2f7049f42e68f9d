using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.Storage;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.IntegrationTests.Support;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Performance;

/// <summary>
/// The rest of the table "Storage requests per call" in docs/security-details.md: each call's Table and Queue Storage requests
/// asserted at exactly the documented number, counted as <see cref="StorageRequestBudgetTests"/> counts them. Each fact runs its
/// journey twice on fresh accounts and counts the second run: the first makes every table and queue the calls touch (the steady
/// state). A sender that touches no storage stands in for ACS, so an email is one outbox queue write and no outbox row. Each
/// call's requests (method and address) are in the test output, to show what changed when a count does. Also rule P6: a hash
/// upgraded at sign-in is saved in the sign-in's own write.
/// </summary>
public sealed partial class EndpointStorageBudgetTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    private const string Reason = "Customer called from the number on the claim; confirmed claim number and date of loss.";

    /// <summary>The customer's own calls, from account creation to a passwordless sign-in, a locked second factor and the per-IP limit.</summary>
    [Fact]
    public async Task CustomerCalls_MakeTheDocumentedStorageRequests()
    {
        var measured = await SecondRoundAsync(CustomerRoundAsync);
        StorageBudget.AssertDocumented(measured.Counts, new Dictionary<string, long>
        {
            ["POST /api/admin/accounts"] = 4,
            ["POST /api/auth/activate"] = 3,
            ["GET /api/mfa"] = 2,
            ["GET /api/me/devices"] = 2,
            ["POST /api/auth/logout"] = 4, // 3 before issue 22: + the OpenID Connect grants of the session (OI10)
            ["POST /api/mfa/verify, rememberDevice, forgets none"] = 2 + 1 + 1, // the verify's two, the audit row, the device list (RD4)
            ["POST /api/auth/passkey"] = 5,
            ["POST /api/mfa/verify, the code that locks"] = 3, // the lock's email claimed: the audit row goes in the transaction, + the outbox queue
            ["POST /api/mfa/verify during a lock"] = 2,
            ["POST /api/mfa/step-up during a lock"] = 2,
            ["POST /api/auth/password-reset over the per-IP limit"] = 4, // 2 before issue 25: + the sign-in throttle's two reads (AB6)
            ["GET /api/health"] = 1,
            ["GET /api/mfa/countries"] = 0,
        });
    }

    /// <summary>The support desk's calls on one customer, and the enrolment link a reset of the second factor sends.</summary>
    [Fact]
    public async Task SupportCalls_MakeTheDocumentedStorageRequests()
    {
        var measured = await SecondRoundAsync(SupportRoundAsync);
        StorageBudget.AssertDocumented(measured.Counts, new Dictionary<string, long>
        {
            ["GET /api/support/accounts/{id}"] = 4, // the account, its sessions, its devices, the support-viewed row (SD18)
            ["GET /api/support/accounts/{id}, with a passkey"] = 4 + 1, // + the passkey list
            ["GET /api/support/accounts/{id}/events"] = 4, // 3 before SD18: + the support-trail-read row
            ["support unlock"] = 3 + 1, // + the email's outbox queue write
            ["support password-reset"] = 3 + 1,
            ["support activation"] = 3, // the link goes to the agent: no email
            ["support forget-devices, one device"] = 3 + 1 + 1,
            ["support forget-devices, none"] = 3,
            ["support end-sessions"] = 6, // 5 before issue 22: + the account's OpenID Connect grants (OI10)
            ["support reset-mfa"] = 8, // 6 before issue 22: + the grants (OI10), + the email's outbox queue write
            ["POST /api/auth/enrolment"] = 3, // documented 4 until December 2026, for the same three requests
        });
    }

    /// <summary>
    /// Rule P6: a right password whose stored hash used fewer iterations than today's setting is hashed again and saved in the
    /// sign-in's own write (the transaction that starts the session), so the upgrade costs no storage request: still 8, one
    /// account read. The next sign-in finds nothing to upgrade.
    /// </summary>
    [Fact]
    public async Task Login_WithAHashOfFewerIterations_SavesItsUpgrade_InTheLoginsOwnWrite()
    {
        var (host, _, _) = await StartHostAsync();
        await using var __ = host;
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        var accountId = SessionRows.AccountOf(client);
        await Journeys.LoginAsync(new PortalClient(host.CreateClient()), Journeys.NewEmail()); // the decoy table, as in the steady state
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, email)).StatusCode);
        var configured = host.Services.GetRequiredService<IOptions<PasswordOptions>>().Value.IterationCount;
        var older = new PortalPasswordHasher(Options.Create(new PasswordOptions { IterationCount = configured / 2 })).Hash(Journeys.Password);
        var accounts = await host.Services.GetRequiredService<PortalTables>().GetAsync(TableNames.Accounts);
        await accounts.UpdateEntityAsync(new TableEntity(accountId, "account") { [nameof(AccountEntity.PasswordHash)] = older }, ETag.All, TableUpdateMode.Merge);

        var upgrade = await StorageBudget.CountReadsAsync(host, () => Journeys.LoginAsync(client, email), HttpStatusCode.OK);
        var upgraded = (await accounts.GetEntityAsync<AccountEntity>(accountId, "account")).Value.PasswordHash!;
        var next = await StorageBudget.CountReadsAsync(host, () => Journeys.LoginAsync(client, email), HttpStatusCode.OK);
        var after = (await accounts.GetEntityAsync<AccountEntity>(accountId, "account")).Value.PasswordHash!;

        output.WriteLine($"iterations: {Iterations(older)} stored, {Iterations(upgraded)} after the sign-in (configured {configured}); the sign-in {upgrade}, the next {next} (storage requests, account reads)");
        Assert.Equal(configured / 2, Iterations(older));
        Assert.Equal(configured, Iterations(upgraded));
        Assert.Equal((8, 1), upgrade);
        Assert.Equal((8, 1), next);
        Assert.Equal(upgraded, after);
    }

    /// <summary>The iteration count in an ASP.NET Core Identity V3 hash: <c>0x01 | prf (4) | iterations (4, big-endian) | …</c>.</summary>
    private static int Iterations(string hash) => BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    /// <summary>
    /// Sign-ins the sign-in throttle refuses or challenges (AB1, AB2) never reach the hash: the email row, the throttle's range query
    /// and one shard, read together; one read more with a device cookie (RD8). A solved challenge adds its nonce's insert (AB7). The
    /// refusals and challenges are counted on a second instance on the same tables, which has not read the addresses yet: an instance
    /// that has answers them from memory with no request at all (AB11, tested in SignInThrottleTests).
    /// </summary>
    [Fact]
    public async Task RefusedAndChallengedSignIns_MakeTheDocumentedStorageRequests()
    {
        var settings = new Dictionary<string, string?>(PortalTestHost.ProductThrottle)
        {
            ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..12],
            ["SignInThrottle:ChallengeAfterPerAddress"] = "2",
            ["SignInThrottle:MaxFailuresPerAddress"] = "4",
            ["SignInThrottle:HoldAnswers"] = "00:00:00", // the hold (AB12) has a test of its own
            ["Challenges:Cost"] = "100",
            ["Challenges:MaxCounter"] = "20",
        };
        var (first, time, firstLog) = await StartHostAsync(settings);
        await using var _ = first;
        var (second, _, secondLog) = await StartHostAsync(settings);
        await using var __ = second;
        using var customer = new PortalClient(first.CreateClient());
        await Journeys.ActivateAsync(customer, Journeys.NewEmail());
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } })).StatusCode);
        var setup = await PortalClient.ReadJsonAsync(await customer.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, time), rememberDevice = true })).StatusCode);
        var device = customer.DeviceCookie!;
        await ThrottleRoundAsync(new Measured(first, firstLog), new Measured(second, secondLog), device); // the steady state

        var (paid, refused) = await ThrottleRoundAsync(new Measured(first, firstLog), new Measured(second, secondLog), device);

        Report(paid);
        Report(refused);
        StorageBudget.AssertDocumented(paid.Counts.Concat(refused.Counts).ToDictionary(), new Dictionary<string, long>
        {
            ["POST /api/auth/login, solved challenge, wrong password"] = 8 + 1,
            ["POST /api/auth/login, challenged"] = 3,
            ["POST /api/auth/login, challenged, with a device cookie"] = 3 + 1,
            ["POST /api/auth/login, refused"] = 3,
            ["POST /api/auth/login, refused, with a device cookie"] = 3 + 1,
        });
    }

    /// <summary>
    /// On the first instance, one new address fails twice (the next sign-in from it is challenged) and another four times, two of
    /// them with a solved challenge (the next is refused); then the second instance answers each, with and without another
    /// account's remembered device.
    /// </summary>
    private static async Task<(Measured Paid, Measured Refused)> ThrottleRoundAsync(Measured first, Measured second, string device)
    {
        var email = (await ThrottleJourneys.SeedActivatedAsync(first.Host, 1))[0]; // a new account each round: six wrong passwords lock none
        var challengedIp = Addresses.NewClientIp();
        var refusedIp = Addresses.NewClientIp();
        using var challenged = new PortalClient(first.Host.CreateClient()).From(challengedIp);
        using var refused = new PortalClient(first.Host.CreateClient()).From(refusedIp);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(challenged, email, "wrong " + i)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(refused, email, "wrong " + i)).StatusCode);
        }

        var payload = await ThrottleJourneys.SolveAsync(await Journeys.LoginAsync(refused, email, "wrong 2"));
        await first.CountAsync("POST /api/auth/login, solved challenge, wrong password", () => ThrottleJourneys.LoginAsync(refused, email, "wrong 2", payload), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ThrottleJourneys.LoginPayingAsync(refused, email, "wrong 3")).StatusCode);
        Assert.Equal("too_many_attempts", await Journeys.ProblemCodeAsync(await Journeys.LoginAsync(refused, email, "wrong 4")));

        var other = Journeys.NewEmail();
        using var elsewhere = new PortalClient(second.Host.CreateClient());
        await Check(second, "POST /api/auth/login, challenged", elsewhere.From(challengedIp), "challenge_required");
        elsewhere.DeviceCookie = device;
        await Check(second, "POST /api/auth/login, challenged, with a device cookie", elsewhere, "challenge_required");
        using var elsewhereRefused = new PortalClient(second.Host.CreateClient()).From(refusedIp);
        await Check(second, "POST /api/auth/login, refused", elsewhereRefused, "too_many_attempts");
        elsewhereRefused.DeviceCookie = device;
        await Check(second, "POST /api/auth/login, refused, with a device cookie", elsewhereRefused, "too_many_attempts");
        return (first, second);

        async Task Check(Measured measured, string name, PortalClient client, string code)
        {
            HttpResponseMessage? answer = null;
            await measured.CountAsync(name, async () => answer = await Journeys.LoginAsync(client, other, "a guess"), HttpStatusCode.TooManyRequests);
            Assert.Equal(code, await Journeys.ProblemCodeAsync(answer!));
        }
    }

    private async Task<(PortalTestHost Host, FakeTimeProvider Time, StorageRequestLog Log)> StartHostAsync(IDictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(portal.Time.GetUtcNow());
        var log = new StorageRequestLog();
        var host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString,
            settings,
            services => services.AddSingleton<TimeProvider>(time).AddSingleton<IEmailSender>(new RecordingEmailSender()).AddSingleton<HttpPipelinePolicy>(log));
        return (host, time, log);
    }

    /// <summary>A round on a new host, twice: the first makes every table and queue its calls touch (the steady state); the second is counted and reported.</summary>
    private async Task<Measured> SecondRoundAsync(Func<PortalTestHost, FakeTimeProvider, StorageRequestLog, Task<Measured>> round)
    {
        var (host, time, log) = await StartHostAsync();
        await using var _ = host;
        await round(host, time, log);
        var measured = await round(host, time, log);
        Report(measured);
        return measured;
    }

    private void Report(Measured measured)
    {
        foreach (var (name, requests) in measured.Requests)
        {
            output.WriteLine($"{name}: {measured.Counts[name]}\n  " + string.Join("\n  ", requests));
        }
    }

    /// <summary>One run's counts by call, and each call's requests (method and address) to show when a count is not the documented one.</summary>
    private sealed class Measured(PortalTestHost host, StorageRequestLog log)
    {
        public PortalTestHost Host => host;

        public Dictionary<string, long> Counts { get; } = [];

        public Dictionary<string, IReadOnlyList<string>> Requests { get; } = [];

        public async Task<long> CountAsync(string name, Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
        {
            log.Clear();
            var count = await StorageBudget.CountAsync(host, call, expected);
            Requests[name] = log.All;
            return Counts[name] = count;
        }
    }

    private static async Task<Measured> CustomerRoundAsync(PortalTestHost host, FakeTimeProvider time, StorageRequestLog log)
    {
        var measured = new Measured(host, log);

        // A new account, its activation, and the second factor's status before any is set up.
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        HttpResponseMessage? created = null;
        await measured.CountAsync("POST /api/admin/accounts", async () => created = await client.PostAsync("/api/admin/accounts", new { email, claimNumber = "CLM-1001", displayName = "Alex Customer" }), HttpStatusCode.Created);
        var token = (await PortalClient.ReadJsonAsync(created!)).GetProperty("activationToken").GetString()!;
        await measured.CountAsync("POST /api/auth/activate", () => client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password }), HttpStatusCode.OK);
        await measured.CountAsync("GET /api/mfa", () => client.GetAsync("/api/mfa"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } })).StatusCode);
        var (secret, _) = await Journeys.SetUpTotpAsync(client, time);
        await measured.CountAsync("GET /api/me/devices", () => client.GetAsync("/api/me/devices"), HttpStatusCode.OK);
        await measured.CountAsync("POST /api/auth/logout", () => client.PostAsync("/api/auth/logout"), HttpStatusCode.NoContent);

        // A sign-in that remembers this browser (no other device to forget), then a passkey, then a passwordless sign-in with it.
        await Journeys.LoginAsync(client, email);
        time.Advance(TimeSpan.FromSeconds(31));
        await measured.CountAsync("POST /api/mfa/verify, rememberDevice, forgets none", () => client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, time), rememberDevice = true }), HttpStatusCode.OK);
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(client, authenticator)).StatusCode);
        using var passwordless = new PortalClient(host.CreateClient());
        var answer = authenticator.Get(await PasskeyJourneys.SignInOptionsAsync(passwordless));
        await measured.CountAsync("POST /api/auth/passkey", () => passwordless.PostAsync("/api/auth/passkey", new { credential = answer }), HttpStatusCode.OK);

        // Wrong codes until the second factor locks (the locking call claims the lock's email), then the right code, twice.
        using var locked = new PortalClient(host.CreateClient());
        await Journeys.LoginAsync(locked, email);
        for (var i = 1; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await locked.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, time) })).StatusCode);
        }

        await measured.CountAsync("POST /api/mfa/verify, the code that locks", () => locked.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, time) }), HttpStatusCode.TooManyRequests);
        time.Advance(TimeSpan.FromSeconds(31));
        await measured.CountAsync("POST /api/mfa/verify during a lock", () => locked.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, time) }), HttpStatusCode.TooManyRequests);
        await measured.CountAsync("POST /api/mfa/step-up during a lock", () => client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, time) }), HttpStatusCode.TooManyRequests);

        // One address over its hourly limit of password-reset requests (10), each for another email.
        using var fromOneAddress = new PortalClient(host.CreateClient()).From(Addresses.NewClientIp());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await fromOneAddress.PostAsync("/api/auth/password-reset", new { email = Journeys.NewEmail() })).StatusCode);
        }

        await measured.CountAsync("POST /api/auth/password-reset over the per-IP limit", () => fromOneAddress.PostAsync("/api/auth/password-reset", new { email = Journeys.NewEmail() }), HttpStatusCode.Accepted);

        using var anonymous = new PortalClient(host.CreateClient());
        await measured.CountAsync("GET /api/health", () => anonymous.GetAsync("/api/health"), HttpStatusCode.OK);
        await measured.CountAsync("GET /api/mfa/countries", () => anonymous.GetAsync("/api/mfa/countries"), HttpStatusCode.OK);
        return measured;
    }

    private static async Task<Measured> SupportRoundAsync(PortalTestHost host, FakeTimeProvider time, StorageRequestLog log)
    {
        var measured = new Measured(host, log);
        var sender = (RecordingEmailSender)host.Services.GetRequiredService<IEmailSender>();

        // A customer with the authenticator app, signed in on a laptop it remembers.
        using var customer = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(customer, time, email);
        var id = SessionRows.AccountOf(customer);
        using var laptop = new PortalClient(host.CreateClient());
        await Journeys.LoginAsync(laptop, email);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, time), rememberDevice = true })).StatusCode);
        using var insurer = new PortalClient(host.CreateClient());
        var notActivated = await insurer.CreateAccountAsync(Journeys.NewEmail());
        var notActivatedId = notActivated[..notActivated.IndexOf('.', StringComparison.Ordinal)];

        using var withPasskey = new PortalClient(host.CreateClient());
        await Journeys.ActivateWithTotpAsync(withPasskey, time, Journeys.NewEmail());
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(withPasskey, authenticator)).StatusCode);

        using var agent = new PortalClient(host.CreateSupportClient());
        await measured.CountAsync("GET /api/support/accounts/{id}, with a passkey", () => agent.GetAsync($"/api/support/accounts/{SessionRows.AccountOf(withPasskey)}?reason=look"), HttpStatusCode.OK);
        await measured.CountAsync("GET /api/support/accounts/{id}", () => agent.GetAsync($"/api/support/accounts/{id}?reason=look"), HttpStatusCode.OK);
        await measured.CountAsync("GET /api/support/accounts/{id}/events", () => agent.GetAsync($"/api/support/accounts/{id}/events?reason=look"), HttpStatusCode.OK);
        await measured.CountAsync("support unlock", () => agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason }), HttpStatusCode.NoContent);
        await measured.CountAsync("support password-reset", () => agent.PostAsync($"/api/support/accounts/{id}/password-reset", new { reason = Reason }), HttpStatusCode.Accepted);
        await measured.CountAsync("support activation", () => agent.PostAsync($"/api/support/accounts/{notActivatedId}/activation", new { reason = Reason }), HttpStatusCode.Created);
        await measured.CountAsync("support forget-devices, one device", () => agent.PostAsync($"/api/support/accounts/{id}/forget-devices", new { reason = Reason }), HttpStatusCode.NoContent);
        await measured.CountAsync("support forget-devices, none", () => agent.PostAsync($"/api/support/accounts/{id}/forget-devices", new { reason = Reason }), HttpStatusCode.NoContent);
        await measured.CountAsync("support end-sessions", () => agent.PostAsync($"/api/support/accounts/{id}/end-sessions", new { reason = Reason }), HttpStatusCode.NoContent);
        await Journeys.LoginAsync(customer, email); // a session for the reset to end
        await measured.CountAsync("support reset-mfa", () => agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = Reason }), HttpStatusCode.NoContent);

        // The emailed enrolment link (rule SD15) lets the customer set up a second factor again.
        await Emails.SentAsync(host);
        var link = sender.Sent.Last(message => message.To == email && EnrolmentLink().IsMatch(message.Text));
        var token = EnrolmentLink().Match(link.Text).Groups["token"].Value;
        await measured.CountAsync("POST /api/auth/enrolment", () => customer.PostAsync("/api/auth/enrolment", new { token, password = Journeys.Password }), HttpStatusCode.OK);
        return measured;
    }

    [GeneratedRegex(@"/enrol[a-z-]*\.html#token=(?<token>[A-Za-z0-9._-]+)")]
    private static partial Regex EnrolmentLink();
}

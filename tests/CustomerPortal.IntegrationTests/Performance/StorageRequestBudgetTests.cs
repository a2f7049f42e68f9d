using System.Net;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Storage;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Performance;

/// <summary>
/// Counts the Table Storage requests each endpoint makes (an Azure.Core pipeline policy, retries included)
/// in the steady state, after the tables exist: login exactly 8 for every outcome from a known address without a device cookie
/// (4 before issue 25, which added the sign-in throttle: its two reads go with the email lookup, one count before the hash, one after
/// it with the audit row) and exactly 9 with one (issue 12: the cookie's device row is read whatever the email), TOTP verify at most 6, GET /api/me 1,
/// SMS setup and the sign-in text at most 13 each (each reads the account once; before issue 9 they made 15 and 14).
/// Issue 21: the second factor's verify and step-up by code make exactly 2 (before: 4, recovery codes 5 or 6) and a passkey's at
/// most 4 (before: 10, reading the account three times); each reads the account exactly once, as the login does.
/// The other rows of the table in docs/security-details.md ("Storage requests per call") are held by EndpointStorageBudgetTests,
/// PasswordResetBudgetTests, PrivacyBudgetTests and OidcStorageBudgetTests.
/// </summary>
public sealed class StorageRequestBudgetTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    /// <summary>
    /// Security review finding 4: every sign-in outcome costs the same storage work (before: unknown 2, locked or not activated 3, the
    /// rest 4). Issue 25 (AB8): 8 for every outcome, success included: the email row, the throttle's range rows (one query) and one
    /// service-wide shard, read together; the count against the address and range (one transaction) before the hash; an account row;
    /// one write; then the audit row with the throttle's settlement (a success gives its count back, a failure adds to its shard).
    /// </summary>
    [Fact]
    public async Task Login_EveryOutcome_MakesExactlyEightStorageRequests()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await Journeys.LoginAsync(client, email, "a wrong password to count as well");
        var notActivated = Journeys.NewEmail();
        await client.CreateAccountAsync(notActivated);
        var locked = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, locked);
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(client, locked, "wrong until it locks");
        }

        await Journeys.LoginAsync(client, Journeys.NewEmail()); // makes the decoy table, as in the steady state

        var counts = new Dictionary<string, long>
        {
            ["right password"] = await CountAsync(() => Journeys.LoginAsync(client, email), HttpStatusCode.OK),
            ["wrong password"] = await CountAsync(() => Journeys.LoginAsync(client, email, "another wrong password"), HttpStatusCode.Unauthorized),
            ["unknown email"] = await CountAsync(() => Journeys.LoginAsync(client, Journeys.NewEmail()), HttpStatusCode.Unauthorized),
            ["not activated"] = await CountAsync(() => Journeys.LoginAsync(client, notActivated), HttpStatusCode.Unauthorized),
            ["locked"] = await CountAsync(() => Journeys.LoginAsync(client, locked), HttpStatusCode.Unauthorized),
        };

        output.WriteLine("login storage requests: " + string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value}")));
        Assert.All(counts, pair => Assert.True(pair.Value == 8, $"{pair.Key}: {pair.Value} storage requests"));
    }

    /// <summary>
    /// Rule RD7: with a well-formed device cookie every outcome costs one read more (the device row), the same for all of them, so
    /// the answer's timing tells a cookie holder nothing about an email: 9 (5 before issue 25). The device's own account is not
    /// throttled by address (AB5): it writes a decoy row where the others count against the address, and where they give it back.
    /// </summary>
    [Fact]
    public async Task Login_WithADeviceCookie_EveryOutcomeMakesExactlyNineStorageRequests()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } })).StatusCode);
        var setup = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        await client.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        var device = client.DeviceCookie!;
        var forged = device[..(device.IndexOf('.') + 1)] + new string('A', 43);
        var other = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(portal.NewClient(), portal.Time, other);
        var notActivated = Journeys.NewEmail();
        await client.CreateAccountAsync(notActivated);
        var locked = Journeys.NewEmail();
        await Journeys.ActivateAsync(portal.NewClient(), locked);
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(client, locked, "wrong until it locks");
        }

        await Journeys.LoginAsync(portal.NewClient(), Journeys.NewEmail()); // makes the decoy table, as in the steady state

        Task<HttpResponseMessage> LoginWith(string cookie, string to, string password = Journeys.Password)
        {
            client.SessionCookie = null;
            client.DeviceCookie = cookie;
            return Journeys.LoginAsync(client, to, password);
        }

        var counts = new Dictionary<string, long>
        {
            ["device, right password"] = await CountAsync(() => LoginWith(device, email), HttpStatusCode.OK),
            ["device, wrong password"] = await CountAsync(() => LoginWith(device, email, "a typo"), HttpStatusCode.Unauthorized),
            ["other account, right password"] = await CountAsync(() => LoginWith(device, other), HttpStatusCode.OK),
            ["other account, wrong password"] = await CountAsync(() => LoginWith(device, other, "a guess"), HttpStatusCode.Unauthorized),
            ["unknown email"] = await CountAsync(() => LoginWith(device, Journeys.NewEmail()), HttpStatusCode.Unauthorized),
            ["not activated"] = await CountAsync(() => LoginWith(device, notActivated), HttpStatusCode.Unauthorized),
            ["locked"] = await CountAsync(() => LoginWith(device, locked), HttpStatusCode.Unauthorized),
            ["forged cookie"] = await CountAsync(() => LoginWith(forged, email), HttpStatusCode.OK),
        };
        for (var i = 0; i < 10; i++)
        {
            await LoginWith(forged, email, "a stranger's guess");
        }

        counts["device, account locked, right password"] = await CountAsync(() => LoginWith(device, email), HttpStatusCode.OK);
        for (var i = 0; i < 4; i++)
        {
            await LoginWith(device, email, "typo " + i);
        }

        counts["device, fifth wrong password (forgets it)"] = await CountAsync(() => LoginWith(device, email, "typo 5"), HttpStatusCode.Unauthorized);

        output.WriteLine("login storage requests with a device cookie: " + string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value}")));
        Assert.All(counts, pair => Assert.True(pair.Value == 9, $"{pair.Key}: {pair.Value} storage requests"));
    }

    [Fact]
    public async Task TotpVerify_MakesAtMostSixStorageRequests()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));

        var count = await CountAsync(() => client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) }), HttpStatusCode.OK);

        output.WriteLine($"TOTP verify: {count} storage requests");
        Assert.InRange(count, 1, 6);
    }

    [Fact]
    public async Task VerifyAndStepUp_ByEveryCode_MakeTwoStorageRequests_AndReadTheAccountOnce()
    {
        // One query reads the session and the account; one transaction writes the account, the sessions and the audit row. The
        // recovery code's email is written to the outbox queue before the answer (one request more, issue 26) and sent after it:
        // a sender that touches no storage stands in for ACS, as in PasswordResetBudgetTests, so no outbox row is counted.
        var time = new FakeTimeProvider(portal.Time.GetUtcNow());
        await using var host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString,
            services: services => services.AddSingleton<TimeProvider>(time).AddSingleton<IEmailSender>(new RecordingEmailSender()));
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } })).StatusCode);
        var sent = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0161" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync("+12015550161") });
        var (secret, done) = await Journeys.SetUpTotpAsync(client, time);
        var codes = done.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        await client.PostAsync("/api/auth/logout");

        var counts = new Dictionary<string, (long Requests, long AccountReads)>();
        await host.Services.GetRequiredService<PortalQueues>().OutboxAsync(); // the queue exists, as in the steady state
        time.Advance(TimeSpan.FromSeconds(31));
        await Journeys.LoginAsync(client, email);
        counts["totp verify"] = await CountReadsAsync(host, () => client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, time) }), HttpStatusCode.OK);
        time.Advance(TimeSpan.FromSeconds(31));
        counts["totp step-up"] = await CountReadsAsync(host, () => client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, time) }), HttpStatusCode.OK);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        await client.PostAsync("/api/mfa/sms/send");
        var sms = await client.LatestSmsCodeAsync("+12015550161");
        counts["sms verify"] = await CountReadsAsync(host, () => client.PostAsync("/api/mfa/verify", new { method = "sms", code = sms }), HttpStatusCode.OK);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        counts["recovery verify"] = await CountReadsAsync(host, () => client.PostAsync("/api/mfa/verify", new { method = "recovery", code = codes[0] }), HttpStatusCode.OK);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        counts["wrong code"] = await CountReadsAsync(host, () => client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, time) }), HttpStatusCode.BadRequest);

        output.WriteLine("verify storage requests (account reads): " + string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value.Requests} ({pair.Value.AccountReads})")));
        Assert.All(counts, pair => Assert.True(pair.Value == (pair.Key == "recovery verify" ? 3 : 2, 1), $"{pair.Key}: {pair.Value.Requests} storage requests, {pair.Value.AccountReads} account reads"));
    }

    [Fact]
    public async Task PasskeyVerify_ReadsTheAccountOnce_AndMakesAtMostFourStorageRequests()
    {
        // The session, the account and the passkey's row in one query (the challenge is on the session row); one transaction with
        // the account, the sessions, the passkey's signature counter and the audit row.
        using var client = portal.NewClient();
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(client, authenticator)).StatusCode);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        var answer = authenticator.Get(await PasskeyJourneys.SecondFactorOptionsAsync(client));
        await Emails.SentAsync(portal.Host); // nothing queued earlier lands in the count

        var (requests, accountReads) = await CountReadsAsync(() => client.PostAsync("/api/mfa/verify", new { method = "passkey", credential = answer }), HttpStatusCode.OK);

        output.WriteLine($"passkey verify: {requests} storage requests, {accountReads} account reads");
        Assert.InRange(requests, 1, 4);
        Assert.Equal(1, accountReads);
    }

    [Fact]
    public async Task Login_ReadsTheAccountOnce_WithAndWithoutADeviceCookie()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(portal.NewClient(), Journeys.NewEmail()); // makes the decoy table, as in the steady state

        var plain = await CountReadsAsync(() => Journeys.LoginAsync(client, email), HttpStatusCode.OK);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        await client.PostAsync("/api/auth/logout");
        await Emails.SentAsync(portal.Host);
        var remembered = await CountReadsAsync(() => Journeys.LoginAsync(client, email), HttpStatusCode.OK);

        output.WriteLine($"login: {plain}; with a device cookie: {remembered} (storage requests, account reads)");
        Assert.Equal((8, 1), plain);
        Assert.Equal((9, 1), remembered);
    }

    [Fact]
    public async Task Me_MakesOneStorageRequest_InTheSteadyState()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        await client.GetAsync("/api/me");

        var counts = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            portal.Time.Advance(TimeSpan.FromSeconds(30));
            counts.Add(await CountAsync(() => client.GetAsync("/api/me"), HttpStatusCode.OK));
        }

        output.WriteLine($"GET /api/me: {string.Join(", ", counts)} storage requests");
        Assert.All(counts, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task SmsSetup_ReadsTheAccountOnce_AndMakesAtMostFourteenStorageRequests()
    {
        // Session read, account read, 4 counters (read + insert each), the account write, the outbox row,
        // the write that makes the code live once sent, the audit row.
        using var warmUp = portal.NewClient();
        await Journeys.ActivateAsync(warmUp, Journeys.NewEmail());
        await warmUp.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await warmUp.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0178" });
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } })).StatusCode);

        // The warm-up made the counter and outbox tables, as in the steady state.
        var count = await CountAsync(() => client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0177" }), HttpStatusCode.Accepted);

        output.WriteLine($"SMS setup: {count} storage requests");
        Assert.InRange(count, 1, 14);
    }

    [Fact]
    public async Task SmsSend_ReadsTheAccountOnce_AndMakesAtMostFourteenStorageRequests()
    {
        // Session read, account read, 4 counters (read + update each), the account write, the outbox row,
        // the write that makes the code live once sent, the audit row.
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } })).StatusCode);
        await Journeys.SetUpSmsAsync(client);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(31));

        var count = await CountAsync(() => client.PostAsync("/api/mfa/sms/send"), HttpStatusCode.Accepted);

        output.WriteLine($"SMS sign-in text: {count} storage requests");
        Assert.InRange(count, 1, 14);
    }

    private Task<(long Requests, long AccountReads)> CountReadsAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
        => StorageBudget.CountReadsAsync(portal.Host, call, expected);

    private static Task<(long Requests, long AccountReads)> CountReadsAsync(PortalTestHost host, Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
        => StorageBudget.CountReadsAsync(host, call, expected);

    private Task<long> CountAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
        => StorageBudget.CountAsync(portal.Host, call, expected);
}

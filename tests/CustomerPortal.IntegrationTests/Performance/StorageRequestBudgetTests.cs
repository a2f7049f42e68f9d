using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Performance;

/// <summary>
/// Counts the Table Storage requests each endpoint makes (an Azure.Core pipeline policy, retries included)
/// in the steady state, after the tables exist: login exactly 4 for every outcome without a device cookie and exactly 5 with one
/// (issue 12: the cookie's device row is read whatever the email), TOTP verify at most 6, GET /api/me 1,
/// SMS setup and the sign-in text at most 13 each (each reads the account once; before issue 9 they made 15 and 14).
/// </summary>
public sealed class StorageRequestBudgetTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    /// <summary>Security review finding 4: every sign-in outcome costs the same storage work (before: unknown 2, locked or not activated 3, the rest 4).</summary>
    [Fact]
    public async Task Login_EveryOutcome_MakesExactlyFourStorageRequests()
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
        Assert.All(counts, pair => Assert.True(pair.Value == 4, $"{pair.Key}: {pair.Value} storage requests"));
    }

    /// <summary>
    /// Rule RD7: with a well-formed device cookie every outcome costs one read more (the device row), the same for all of them, so
    /// the answer's timing tells a cookie holder nothing about an email; without one the login stays at 4 (the test above).
    /// </summary>
    [Fact]
    public async Task Login_WithADeviceCookie_EveryOutcomeMakesExactlyFiveStorageRequests()
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
        Assert.All(counts, pair => Assert.True(pair.Value == 5, $"{pair.Key}: {pair.Value} storage requests"));
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

    private async Task<long> CountAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        portal.Host.StorageRequests.Reset();
        var response = await call();
        Assert.Equal(expected, response.StatusCode);
        return portal.Host.StorageRequests.Count;
    }
}

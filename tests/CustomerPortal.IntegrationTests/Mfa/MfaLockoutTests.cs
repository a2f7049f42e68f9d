using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Mfa;

/// <summary>The second-factor lockout, counted in Table Storage with ETags: 5 failures, 15 minutes, doubling.</summary>
public sealed class MfaLockoutTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task TwentyParallelWrongCodes_EvaluateAtMostFive_AndLock()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        var wrong = Journeys.WrongTotpCode(secret, portal.Time);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostAsync("/api/mfa/verify", new { method = "totp", code = wrong })));
        var codes = await Task.WhenAll(responses.Select(Journeys.ProblemCodeAsync));

        var evaluated = codes.Count(c => c == "invalid_code") + 1; // the fifth failure answers mfa_locked
        Assert.Equal(4, codes.Count(c => c == "invalid_code"));
        Assert.True(evaluated <= 5);
        Assert.All(codes, c => Assert.Contains(c, new[] { "invalid_code", "mfa_locked" }));
        var right = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal("mfa_locked", await Journeys.ProblemCodeAsync(right));
        Assert.InRange(right.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 15 * 60);
    }

    [Fact]
    public async Task WrongCodes_CountDownAttemptsRemaining_ThenLockFor15Minutes_ThenDouble()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        var wrong = Journeys.WrongTotpCode(secret, portal.Time);

        var remaining = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = wrong });
            remaining.Add((await PortalClient.ReadJsonAsync(response)).GetProperty("attemptsRemaining").GetInt32());
        }

        var fifth = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = wrong });

        Assert.Equal([4, 3, 2, 1], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(15 * 60, (await PortalClient.ReadJsonAsync(fifth)).GetProperty("retryAfterSeconds").GetInt32());

        // The pending session lives 10 minutes; after the 15-minute lock the customer signs in again.
        portal.Time.Advance(TimeSpan.FromMinutes(15));
        await Journeys.LoginAsync(client, email);
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        }

        var secondLock = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        Assert.Equal(30 * 60, (await PortalClient.ReadJsonAsync(secondLock)).GetProperty("retryAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task RightCode_ResetsTheCount()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        }

        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        var wrong = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });

        Assert.Equal(4, (await PortalClient.ReadJsonAsync(wrong)).GetProperty("attemptsRemaining").GetInt32());
    }

    // L4: a new text resets only its own code's count, never the account's; a locked account gets no text at all.
    [Fact]
    public async Task SendingANewSmsCode_ResetsNoCount_AndWhileLockedNoTextIsSent()
    {
        const string phone = "+12015550141";
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0141" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync(phone) })).StatusCode);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/send")).StatusCode);
        var firstCode = await client.LatestSmsCodeAsync(phone);
        var remaining = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsync("/api/mfa/verify", new { method = "sms", code = Other(firstCode, i) });
            remaining.Add((await PortalClient.ReadJsonAsync(response)).GetProperty("attemptsRemaining").GetInt32());
        }

        portal.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/send")).StatusCode);
        var secondCode = await client.LatestSmsCodeAsync(phone);
        var fifth = await client.PostAsync("/api/mfa/verify", new { method = "sms", code = Other(secondCode, 0) });
        var textsBefore = await TextsToAsync(client, phone);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        var whileLocked = await client.PostAsync("/api/mfa/sms/send");

        Assert.Equal([4, 3, 2, 1], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal("mfa_locked", await Journeys.ProblemCodeAsync(fifth));
        Assert.Equal(HttpStatusCode.TooManyRequests, whileLocked.StatusCode);
        Assert.Equal("mfa_locked", await Journeys.ProblemCodeAsync(whileLocked));
        Assert.InRange(whileLocked.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 15 * 60 - 31, 15 * 60 - 30);
        Assert.Equal(textsBefore, await TextsToAsync(client, phone));

        static string Other(string code, int i) => ((int.Parse(code) + 1 + i) % 1_000_000).ToString("D6");
    }

    private static async Task<int> TextsToAsync(PortalClient client, string phone)
        => (await PortalClient.ReadJsonAsync(await client.GetAsync("/api/dev/sms-outbox"))).EnumerateArray().Count(m => m.GetProperty("to").GetString() == phone);

    [Fact]
    public async Task MalformedCodes_ConsumeNoAttempt()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);

        foreach (var bad in new object[] { new { method = "totp", code = "12345" }, new { method = "totp", code = "abcdef" }, new { method = "totp", code = 123456 }, new { method = "carrier-pigeon", code = "123456" } })
        {
            var response = await client.PostAsync("/api/mfa/verify", bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("validation_failed", await Journeys.ProblemCodeAsync(response));
        }

        var wrong = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        Assert.Equal(4, (await PortalClient.ReadJsonAsync(wrong)).GetProperty("attemptsRemaining").GetInt32());
    }
}

using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Mfa;

/// <summary>SMS setup and sign-in through the development outbox: expiry, resend, per-code attempts, hints.</summary>
public sealed class SmsJourneyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task SmsSetup_ThenReturningSignInWithSms_Works()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });

        var done = await Journeys.SetUpSmsAsync(client);
        Assert.Equal("done", done.GetProperty("next").GetString());
        Assert.Equal(10, done.GetProperty("recoveryCodes").GetArrayLength());
        await client.PostAsync("/api/auth/logout");
        portal.Time.Advance(TimeSpan.FromSeconds(31));

        var login = await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(client, email));
        Assert.Equal("mfa-verify", login.GetProperty("stage").GetString());
        Assert.Equal("+1 ••• ••• 0123", login.GetProperty("phoneHint").GetString());
        var sent = await client.PostAsync("/api/mfa/sms/send");
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var sentBody = await PortalClient.ReadJsonAsync(sent);
        Assert.Equal(600, sentBody.GetProperty("expiresInSeconds").GetInt32());
        Assert.Equal(30, sentBody.GetProperty("resendAfterSeconds").GetInt32());
        var code = await client.LatestSmsCodeAsync(Journeys.UsPhone);
        var verified = await client.PostAsync("/api/mfa/verify", new { method = "sms", code });

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SmsText_SaysWhatTheCodeIsFor_AndEndsWithTheWebOtpLine()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "(201) 555-0124" });

        var messages = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/dev/sms-outbox"));
        var message = messages.EnumerateArray().First(m => m.GetProperty("to").GetString() == "+12015550124");
        var body = message.GetProperty("body").GetString()!;

        var code = body[(body.LastIndexOf('#') + 1)..];
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Contains("expires in 10 minutes", body);
        Assert.EndsWith($"@localhost #{code}", body);
    }

    [Fact]
    public async Task SmsCode_After10Minutes_IsExpired()
    {
        using var client = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0125" });
        var code = await client.LatestSmsCodeAsync("+12015550125");
        portal.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        // A change in a full session needs a fresh second factor (step-up); the code's own lifetime is what is tested here.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);

        var response = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("code_expired", await Journeys.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task SmsResend_Within30Seconds_IsRefused_After30Seconds_SendsANewCode()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0126" });
        var first = await client.LatestSmsCodeAsync("+12015550126");

        var tooSoon = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0126" });
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        var resent = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0126" });
        var second = await client.LatestSmsCodeAsync("+12015550126");

        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal("resend_too_soon", await Journeys.ProblemCodeAsync(tooSoon));
        Assert.NotNull(tooSoon.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        if (first != second)
        {
            // Only the newest code is live: one live code per account.
            var old = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = first });
            Assert.Equal("invalid_code", await Journeys.ProblemCodeAsync(old));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = second })).StatusCode);
    }

    [Theory]
    [InlineData("US", "800 555 0100", "phone_number_not_mobile")]
    [InlineData("US", "900 555 0100", "phone_number_not_mobile")]
    [InlineData("US", "12", "invalid_phone_number")]
    [InlineData("FR", "6 12 34 56 78", "country_not_allowed")]
    public async Task SmsSetup_RefusesNumbersThatCannotOrMustNotGetCodes(string country, string number, string expected)
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });

        var response = await client.PostAsync("/api/mfa/sms/setup", new { country, phoneNumber = number });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, await Journeys.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Countries_ListsTheAllowedCountriesWithDialCodes()
    {
        using var client = portal.NewClient();

        var countries = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/mfa/countries"));

        var codes = countries.EnumerateArray().Select(c => (c.GetProperty("code").GetString(), c.GetProperty("dialCode").GetString())).ToList();
        Assert.Equal([("US", "+1"), ("CA", "+1")], codes);
    }

    [Fact]
    public async Task BothMethods_SmsFirst_ThenAuthenticator_ThenSignedIn()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        var plan = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp", "sms" } }));
        Assert.Equal("sms", plan.GetProperty("setupPlan").GetProperty("next").GetString());
        var totpFirst = await client.PostAsync("/api/mfa/totp/setup");
        Assert.Equal(HttpStatusCode.Forbidden, totpFirst.StatusCode);
        Assert.Equal("wrong_stage", await Journeys.ProblemCodeAsync(totpFirst));

        var afterSms = await Journeys.SetUpSmsAsync(client);
        Assert.Equal("totp", afterSms.GetProperty("next").GetString());
        Assert.False(afterSms.TryGetProperty("recoveryCodes", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null);
        var (_, done) = await Journeys.SetUpTotpAsync(client, portal.Time);

        Assert.Equal("done", done.GetProperty("next").GetString());
        var me = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me"));
        Assert.Equal(["sms", "totp"], me.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        await client.PostAsync("/api/auth/logout");
        var login = await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(client, email));
        Assert.Equal(["sms", "totp"], login.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task PasswordOnlySession_CannotStartSetupOnAnAccountWithMfa()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);

        var response = await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("wrong_stage", await Journeys.ProblemCodeAsync(response));
    }

    // S6: the code's own count (5) apart from the account's lock (raised here to 20, so that it does not come first).
    [Fact]
    public async Task SmsCode_SurvivesFourWrongEntries_ButTheFifthKillsIt()
    {
        const string phone = "+12015550171";
        var time = new FakeTimeProvider(portal.Time.GetUtcNow());
        await using var host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString, new Dictionary<string, string?> { ["Mfa:MaxFailures"] = "20" }, services => services.AddSingleton<TimeProvider>(time));
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0171" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync(phone) })).StatusCode);

        async Task<(List<int> Remaining, HttpResponseMessage Right)> WrongThenRightAsync(int wrongEntries)
        {
            await client.PostAsync("/api/auth/logout");
            time.Advance(TimeSpan.FromSeconds(31));
            await Journeys.LoginAsync(client, email);
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/send")).StatusCode);
            var code = await client.LatestSmsCodeAsync(phone);
            var remaining = new List<int>();
            for (var i = 0; i < wrongEntries; i++)
            {
                var wrong = await client.PostAsync("/api/mfa/verify", new { method = "sms", code = ((int.Parse(code) + 1 + i) % 1_000_000).ToString("D6") });
                Assert.Equal("invalid_code", await Journeys.ProblemCodeAsync(wrong));
                remaining.Add((await PortalClient.ReadJsonAsync(wrong)).GetProperty("attemptsRemaining").GetInt32());
            }

            return (remaining, await client.PostAsync("/api/mfa/verify", new { method = "sms", code }));
        }

        var (fourWrong, rightAfterFour) = await WrongThenRightAsync(4);
        var (fiveWrong, rightAfterFive) = await WrongThenRightAsync(5);

        Assert.Equal([4, 3, 2, 1], fourWrong);
        Assert.Equal(HttpStatusCode.OK, rightAfterFour.StatusCode);
        Assert.Equal([4, 3, 2, 1, 0], fiveWrong);
        Assert.Equal(HttpStatusCode.BadRequest, rightAfterFive.StatusCode);
        Assert.Equal("code_expired", await Journeys.ProblemCodeAsync(rightAfterFive));
    }

    // S9: a limit's refusal is 429, the spent budget 503, each with the wait to its window's end.
    [Fact]
    public async Task SendLimitRefusal_Is429SmsRateLimited_AndTheSpentBudget503SmsBudgetExhausted_EachWithRetryAfterToItsWindowsEnd()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 20, 0, TimeSpan.Zero));
        await using var host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["Sms:MaxSendsPerPhonePerHour"] = "1", ["Sms:DailyBudget"] = "2" },
            services => services.AddSingleton<TimeProvider>(time));

        async Task<HttpResponseMessage> SetUpAsync(string phoneNumber)
        {
            using var client = new PortalClient(host.CreateClient());
            await Journeys.ActivateAsync(client, Journeys.NewEmail());
            await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
            return await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber });
        }

        var first = await SetUpAsync("201 555 0181");
        var samePhone = await SetUpAsync("201 555 0181");
        var otherPhone = await SetUpAsync("201 555 0182");
        var overBudget = await SetUpAsync("201 555 0183");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, samePhone.StatusCode);
        Assert.Equal("sms_rate_limited", await Journeys.ProblemCodeAsync(samePhone));
        Assert.Equal(TimeSpan.FromMinutes(40), samePhone.Headers.RetryAfter!.Delta);
        Assert.Equal(40 * 60, (await PortalClient.ReadJsonAsync(samePhone)).GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, otherPhone.StatusCode); // the phone limit refused before the budget was counted: 1 of 2 is left
        Assert.Equal(HttpStatusCode.ServiceUnavailable, overBudget.StatusCode);
        Assert.Equal("sms_budget_exhausted", await Journeys.ProblemCodeAsync(overBudget));
        Assert.Equal(TimeSpan.FromHours(11) + TimeSpan.FromMinutes(40), overBudget.Headers.RetryAfter!.Delta);
    }
}

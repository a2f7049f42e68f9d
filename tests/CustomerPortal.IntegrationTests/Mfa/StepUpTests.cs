using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Mfa;

/// <summary>
/// Step-up (issue 11): in a full session, changes to the methods and recovery codes need a second factor proven in the
/// last 5 minutes; the last method cannot be removed; the customer sees and ends their own sessions.
/// </summary>
public sealed class StepUpTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly TimeSpan JustOverTheWindow = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task SignInsOwnSecondFactor_AllowsChangesForFiveMinutes_ThenStepUpIsRequired()
    {
        using var client = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        portal.Time.Advance(TimeSpan.FromMinutes(4));
        var within = await client.PostAsync("/api/mfa/recovery-codes");
        portal.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        var answers = new[]
        {
            await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } }),
            await client.PostAsync("/api/mfa/recovery-codes"),
            await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/totp")),
        };

        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            Assert.Equal("step_up_required", await Journeys.ProblemCodeAsync(answer));
        }

        Assert.NotNull(secret);
    }

    [Fact]
    public async Task StepUp_WithARightCode_OpensTheWindowAgain_AndTheCodeWorksOnce()
    {
        using var client = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        portal.Time.Advance(JustOverTheWindow);
        var code = Journeys.TotpCode(secret, portal.Time);

        var stepUp = await client.PostAsync("/api/mfa/step-up", new { method = "totp", code });
        var replay = await client.PostAsync("/api/mfa/step-up", new { method = "totp", code });
        var plan = await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });

        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        Assert.Equal(portal.Time.GetUtcNow() + TimeSpan.FromMinutes(5), (await PortalClient.ReadJsonAsync(stepUp)).GetProperty("stepUpUntil").GetDateTimeOffset());
        Assert.Equal("invalid_code", await Journeys.ProblemCodeAsync(replay));
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
    }

    [Fact]
    public async Task StepUp_WrongCodes_CountTowardTheSecondFactorLock()
    {
        using var client = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        var wrong = Journeys.WrongTotpCode(secret, portal.Time);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = wrong }));
        }

        var right = await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });

        Assert.Equal(3, (await PortalClient.ReadJsonAsync(answers[1])).GetProperty("attemptsRemaining").GetInt32());
        Assert.Equal("mfa_locked", await Journeys.ProblemCodeAsync(answers[4]));
        Assert.Equal("mfa_locked", await Journeys.ProblemCodeAsync(right));
    }

    [Fact]
    public async Task StepUp_BySms_InAFullSession_Works()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0151" });
        await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync("+12015550151") });
        portal.Time.Advance(JustOverTheWindow);

        var sent = await client.PostAsync("/api/mfa/sms/send");
        var stepUp = await client.PostAsync("/api/mfa/step-up", new { method = "sms", code = await client.LatestSmsCodeAsync("+12015550151") });

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
    }

    [Fact]
    public async Task RemoveMethod_KeepsTheLastOne_AndRemovesTheOther()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0152" });
        await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync("+12015550152") });
        await Journeys.SetUpTotpAsync(client, portal.Time);

        var removed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/sms"));
        var last = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/totp"));
        var again = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/sms"));
        var unknown = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/email"));
        var me = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me"));
        using var other = portal.NewClient();
        var login = await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(other, email));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Equal("last_method", await Journeys.ProblemCodeAsync(last));
        Assert.Equal("method_not_enrolled", await Journeys.ProblemCodeAsync(again));
        Assert.Equal("validation_failed", await Journeys.ProblemCodeAsync(unknown));
        Assert.Equal(["totp"], me.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["totp"], login.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Sessions_AreListedWithTheirDevice_AndEndOthersSignsOutEverywhereElse()
    {
        using var laptop = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(laptop, portal.Time, email);
        using var phone = portal.NewClient();
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1");
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await Journeys.LoginAsync(phone, email);
        await phone.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });

        var listed = await PortalClient.ReadJsonAsync(await laptop.GetAsync("/api/me/sessions"));
        var ended = await laptop.PostAsync("/api/me/sessions/end-others");
        var phoneAfter = await phone.GetAsync("/api/me");
        var laptopAfter = await laptop.GetAsync("/api/me");
        var listedAfter = await PortalClient.ReadJsonAsync(await laptop.GetAsync("/api/me/sessions"));

        var sessions = listed.EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Contains(sessions, s => s.GetProperty("device").GetString() == "Safari on iPhone" && !s.GetProperty("current").GetBoolean());
        Assert.All(sessions, s => Assert.Equal("full", s.GetProperty("stage").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, laptopAfter.StatusCode);
        Assert.Single(listedAfter.EnumerateArray());
    }
}

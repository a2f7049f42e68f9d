using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;

namespace CustomerPortal.IntegrationTests.Sessions;

/// <summary>Steps racing on one session, and steps of a full session, never extend or duplicate it.</summary>
public sealed class SessionRaceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task TwoRecoveryCodesInParallel_OnOnePendingSession_SignInOnce_AndTheOtherGetsSessionRequired()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (_, codes) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);

        var responses = await Task.WhenAll(
            client.PostAsync("/api/mfa/verify", new { method = "recovery", code = codes[0] }),
            client.PostAsync("/api/mfa/verify", new { method = "recovery", code = codes[1] }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SetupStepsInAFullSession_DoNotExtendIts12HourLimit()
    {
        using var client = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        for (var i = 0; i < 11; i++)
        {
            portal.Time.Advance(TimeSpan.FromMinutes(59));
            await client.GetAsync("/api/me");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);

        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        var (_, done) = await Journeys.SetUpTotpAsync(client, portal.Time);
        Assert.Equal("done", done.GetProperty("next").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        portal.Time.Advance(TimeSpan.FromMinutes(12 * 60 - 11 * 59));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }
}

using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Sessions;

/// <summary>
/// Issue 23, finding 2: live sessions per account are capped (rule SE19), so nobody can pile up sessions that outlast the
/// customer's sign-outs or make a support reset's transaction too big; the oldest of a stage ends first, and a password alone
/// (a pending session) never ends a full one.
/// </summary>
public sealed class SessionLimitTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int Cap = 10;

    [Fact]
    public async Task AnEleventhFullSession_EndsTheOldest_AndPasswordAloneSignInsEndNoFullSession()
    {
        using var first = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(first, portal.Time, email);
        var later = new List<PortalClient>();
        for (var i = 0; i < Cap; i++)
        {
            var client = portal.NewClient();
            later.Add(client);
            await Journeys.LoginAsync(client, email);
            portal.Time.Advance(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);
        }

        var oldest = await first.GetAsync("/api/me");
        var newest = await later[^1].GetAsync("/api/me");
        var fullSessions = (await PortalClient.ReadJsonAsync(await later[^1].GetAsync("/api/me/sessions"))).EnumerateArray().Count(s => s.GetProperty("stage").GetString() == "full");

        // Eleven sign-ins with the password alone: pending sessions, which end the oldest pending ones only.
        for (var i = 0; i < Cap + 1; i++)
        {
            using var stranger = portal.NewClient();
            Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(stranger, email)).StatusCode);
        }

        var stages = (await PortalClient.ReadJsonAsync(await later[^1].GetAsync("/api/me/sessions"))).EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ToList();

        Assert.Equal(HttpStatusCode.Unauthorized, oldest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        Assert.Equal(Cap, fullSessions);
        Assert.Equal(Cap, stages.Count(stage => stage == "full"));
        Assert.Equal(Cap, stages.Count(stage => stage == "pending"));
        foreach (var client in later)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
            client.Dispose();
        }
    }
}

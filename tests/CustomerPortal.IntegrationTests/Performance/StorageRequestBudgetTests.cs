using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Performance;

/// <summary>
/// Counts the Table Storage requests each endpoint makes (an Azure.Core pipeline policy, retries included)
/// in the steady state, after the tables exist: login at most 4, TOTP verify at most 6, GET /api/me 1.
/// </summary>
public sealed class StorageRequestBudgetTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Login_MakesAtMostFourStorageRequests()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await Journeys.LoginAsync(client, email, "a wrong password to count as well");

        var success = await CountAsync(() => Journeys.LoginAsync(client, email), HttpStatusCode.OK);
        var failure = await CountAsync(() => Journeys.LoginAsync(client, email, "another wrong password"), HttpStatusCode.Unauthorized);
        var unknown = await CountAsync(() => Journeys.LoginAsync(client, Journeys.NewEmail()), HttpStatusCode.Unauthorized);

        output.WriteLine($"login: success {success}, wrong password {failure}, unknown email {unknown} storage requests");
        Assert.InRange(success, 1, 4);
        Assert.InRange(failure, 1, 4);
        Assert.InRange(unknown, 1, 4);
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

    private async Task<long> CountAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        portal.Host.StorageRequests.Reset();
        var response = await call();
        Assert.Equal(expected, response.StatusCode);
        return portal.Host.StorageRequests.Count;
    }
}

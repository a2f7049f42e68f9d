using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Mfa;

/// <summary>Recovery codes: each works once, the answer says how many remain, regeneration voids the old set.</summary>
public sealed class RecoveryCodeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task RecoveryCode_SignsIn_Once_AndSaysHowManyRemain()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (_, codes) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");

        await Journeys.LoginAsync(client, email);
        var used = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = codes[0].ToLowerInvariant() });
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        var again = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = codes[0] });

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal(9, (await PortalClient.ReadJsonAsync(used)).GetProperty("recoveryCodesRemaining").GetInt32());
        Assert.Equal("invalid_code", await Journeys.ProblemCodeAsync(again));
    }

    [Fact]
    public async Task NewRecoveryCodes_OldOnesStopWorking()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (_, oldCodes) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        var renewed = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/recovery-codes"));
        var newCodes = renewed.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        var old = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = oldCodes[1] });
        var fresh = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = newCodes[1] });

        Assert.Equal(10, newCodes.Length);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Equal("invalid_code", await Journeys.ProblemCodeAsync(old));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }
}

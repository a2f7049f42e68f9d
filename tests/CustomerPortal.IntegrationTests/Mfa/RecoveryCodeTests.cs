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

    // R7: wrong recovery codes are wrong codes of the second factor (L1), counted with the authenticator's.
    [Fact]
    public async Task WrongRecoveryCodes_CountTowardTheSecondFactorLock_WithTheAuthenticatorsWrongCodes()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, codes) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);

        var remaining = new List<int>();
        foreach (var wrong in new[] { "2222222222", "3333333333", "4444444444" })
        {
            var response = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = wrong });
            Assert.Equal("invalid_code", await Journeys.ProblemCodeAsync(response));
            remaining.Add((await PortalClient.ReadJsonAsync(response)).GetProperty("attemptsRemaining").GetInt32());
        }

        var wrongTotp = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        var fifth = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = "5555555555" });
        var rightRecovery = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = codes[0] });
        var rightTotp = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });

        Assert.Equal([4, 3, 2], remaining);
        Assert.Equal(1, (await PortalClient.ReadJsonAsync(wrongTotp)).GetProperty("attemptsRemaining").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal("mfa_locked", await Journeys.ProblemCodeAsync(fifth));
        Assert.Equal(15 * 60, (await PortalClient.ReadJsonAsync(fifth)).GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal("mfa_locked", await Journeys.ProblemCodeAsync(rightRecovery));
        Assert.Equal("mfa_locked", await Journeys.ProblemCodeAsync(rightTotp));
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

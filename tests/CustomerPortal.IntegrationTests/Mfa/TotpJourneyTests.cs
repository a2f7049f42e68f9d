using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Mfa;

/// <summary>Authenticator-app setup and sign-in over HTTP: single use, ±1 step, setup expiry.</summary>
public sealed class TotpJourneyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Activation_ThenAuthenticatorSetup_SignsIn_WithRecoveryCodes()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();

        var (_, recoveryCodes) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        Assert.Equal(10, recoveryCodes.Length);
        var me = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me"));
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal("CLM-1001", me.GetProperty("claimNumber").GetString());
        Assert.Equal(["totp"], me.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task TotpSetup_ReturnsGroupedKey_OtpauthUri_AndSvgQr()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });

        var setup = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/totp/setup"));

        var secret = setup.GetProperty("secret").GetString()!;
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", secret);
        Assert.Equal(32, secret.Replace(" ", "", StringComparison.Ordinal).Length);
        var uri = setup.GetProperty("otpauthUri").GetString()!;
        Assert.StartsWith("otpauth://totp/", uri);
        Assert.Contains("secret=" + secret.Replace(" ", "", StringComparison.Ordinal), uri);
        Assert.StartsWith("<svg", setup.GetProperty("qrSvg").GetString()!.TrimStart().Replace("<?xml", "<svg", StringComparison.Ordinal).Split('>')[0] + ">");
        Assert.Equal(900, setup.GetProperty("expiresInSeconds").GetInt32());
    }

    [Fact]
    public async Task Verify_ReusedTotpCode_IsRejected_ThenTheNextStepWorks()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        var usedAtSetup = Journeys.TotpCode(secret, portal.Time);
        await client.PostAsync("/api/auth/logout");

        await Journeys.LoginAsync(client, email);
        var replay = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = usedAtSetup });
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        var next = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_code", await Journeys.ProblemCodeAsync(replay));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.True((await PortalClient.ReadJsonAsync(next)).GetProperty("signedIn").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Verify_SameCodeTwiceInOneStep_WorksOnlyOnce()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        var code = Journeys.TotpCode(secret, portal.Time);
        using var other = portal.NewClient();
        await Journeys.LoginAsync(client, email);
        await Journeys.LoginAsync(other, email);

        var first = await client.PostAsync("/api/mfa/verify", new { method = "totp", code });
        var second = await other.PostAsync("/api/mfa/verify", new { method = "totp", code });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [Fact]
    public async Task TotpSetup_UnconfirmedFor15Minutes_Expires()
    {
        using var client = portal.NewClient();
        var (enrolled, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        var setup = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        portal.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        // A change in a full session needs a fresh second factor (step-up); the key's own expiry is what is tested here.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(enrolled, portal.Time) })).StatusCode);

        var response = await client.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, portal.Time) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("setup_expired", await Journeys.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Verify_CodeFromOneStepAgo_IsAccepted_TwoStepsAgo_IsNot()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        portal.Time.Advance(TimeSpan.FromSeconds(90));
        var twoStepsOld = Journeys.TotpCode(secret, portal.Time);
        portal.Time.Advance(TimeSpan.FromSeconds(60));
        await Journeys.LoginAsync(client, email);

        var tooOld = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = twoStepsOld });
        var previousStep = Journeys.TotpCodeAt(secret, portal.Time.GetUtcNow().AddSeconds(-30));
        var ok = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = previousStep });

        Assert.Equal(HttpStatusCode.BadRequest, tooOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}

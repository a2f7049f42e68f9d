using System.Net;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Sessions;

/// <summary>
/// What a session row records of how the customer proved who they are, for OpenID Connect (issue 22): <c>Amr</c> (RFC 8176 values,
/// the union across the session's life), <c>AuthTime</c> (the last authentication in it) and <c>Sid</c> (one per browser
/// sign-in, kept when the row is replaced), read from Table Storage after each step.
/// </summary>
public sealed class SessionProofTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task PasswordThenAuthenticatorCode_RecordsPwdOtpMfa_TheVerifyTime_AndKeepsTheSid()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        portal.Time.Advance(TimeSpan.FromMinutes(1));

        var signedInAt = portal.Time.GetUtcNow();
        await Journeys.LoginAsync(client, email);
        var pending = await SessionRows.OfAsync(portal.Host, client);
        portal.Time.Advance(TimeSpan.FromSeconds(40));
        var verifiedAt = portal.Time.GetUtcNow();
        var verified = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        var full = await SessionRows.OfAsync(portal.Host, client);

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(SessionStages.Pending, pending.Stage);
        Assert.Equal("pwd", pending.Amr);
        Assert.Equal(signedInAt, pending.AuthTime);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", pending.Sid);
        Assert.Equal(SessionStages.Full, full.Stage);
        Assert.Equal("pwd,otp,mfa", full.Amr);
        Assert.Equal(verifiedAt, full.AuthTime);
        Assert.Equal(pending.Sid, full.Sid);
    }

    [Fact]
    public async Task SmsCode_RecordsSms_AndARecoveryCodeOtp()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        var codes = (await SetUpSmsAsync(client, "201 555 0141")).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        await client.PostAsync("/api/auth/logout");
        portal.Time.Advance(TimeSpan.FromSeconds(31));

        await Journeys.LoginAsync(client, email);
        await client.PostAsync("/api/mfa/sms/send");
        var sms = await client.PostAsync("/api/mfa/verify", new { method = "sms", code = await client.LatestSmsCodeAsync("+12015550141") });
        var bySms = await SessionRows.OfAsync(portal.Host, client);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        var recovery = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = codes[0] });
        var byRecovery = await SessionRows.OfAsync(portal.Host, client);

        Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
        Assert.Equal("pwd,sms,mfa", bySms.Amr);
        Assert.Equal(HttpStatusCode.OK, recovery.StatusCode);
        Assert.Equal("pwd,otp,mfa", byRecovery.Amr);
        Assert.NotEqual(bySms.Sid, byRecovery.Sid);
    }

    [Fact]
    public async Task FirstSetup_RecordsEveryMethodOfThePlan_AndAMethodAddedLaterChangesNothingProven()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        var activated = await SessionRows.OfAsync(portal.Host, client);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } });
        await SetUpSmsAsync(client, "201 555 0142");
        portal.Time.Advance(TimeSpan.FromSeconds(20));
        var doneAt = portal.Time.GetUtcNow();
        await Journeys.SetUpTotpAsync(client, portal.Time);
        var signedIn = await SessionRows.OfAsync(portal.Host, client);

        using var other = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(other, portal.Time, Journeys.NewEmail());
        var before = await SessionRows.OfAsync(portal.Host, other);
        portal.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } })).StatusCode);
        await SetUpSmsAsync(other, "201 555 0143");
        var after = await SessionRows.OfAsync(portal.Host, other);

        Assert.Equal("pwd", activated.Amr);
        Assert.Equal("pwd,sms,otp,mfa", signedIn.Amr);
        Assert.Equal(doneAt, signedIn.AuthTime);
        Assert.Equal(activated.Sid, signedIn.Sid);
        Assert.Equal("pwd,otp,mfa", after.Amr);
        Assert.Equal(before.AuthTime, after.AuthTime);
        Assert.Equal(before.Sid, after.Sid);
        Assert.NotEqual(before.RowKey, after.RowKey);
    }

    [Fact]
    public async Task RememberedDevice_ProvesThePasswordOnly_AndAStepUpAddsTheCode()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await Journeys.LoginAsync(client, email);
        await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        await client.PostAsync("/api/auth/logout");
        portal.Time.Advance(TimeSpan.FromMinutes(2));

        var deviceAt = portal.Time.GetUtcNow();
        var login = await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(client, email));
        var byDevice = await SessionRows.OfAsync(portal.Host, client);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        var stepUpAt = portal.Time.GetUtcNow();
        var stepUp = await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        var steppedUp = await SessionRows.OfAsync(portal.Host, client);

        Assert.Equal("signed-in", login.GetProperty("stage").GetString());
        Assert.Equal("pwd", byDevice.Amr);
        Assert.Equal(deviceAt, byDevice.AuthTime);
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        Assert.Equal("pwd,otp,mfa", steppedUp.Amr);
        Assert.Equal(stepUpAt, steppedUp.AuthTime);
        Assert.Equal(stepUpAt, steppedUp.SecondFactorAt);
        Assert.Equal(byDevice.Sid, steppedUp.Sid);
    }

    [Fact]
    public async Task Passkeys_RecordHwkOrSwk_AndUser_AsSecondFactor_AloneAndInSetup()
    {
        using var deviceBound = new TestAuthenticator(PasskeyJourneys.Origin);
        using var synced = new TestAuthenticator(PasskeyJourneys.Origin) { BackupEligible = true };
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(client, deviceBound)).StatusCode);
        using var setup = portal.NewClient();
        await Journeys.ActivateAsync(setup, Journeys.NewEmail());
        await setup.PostAsync("/api/mfa/setup", new { methods = new[] { "passkey" } });
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(setup, synced)).StatusCode);
        var setUp = await SessionRows.OfAsync(portal.Host, setup);

        using var secondFactor = portal.NewClient();
        await Journeys.LoginAsync(secondFactor, email);
        Assert.Equal(HttpStatusCode.OK, (await PasskeyJourneys.VerifyAsync(secondFactor, deviceBound)).StatusCode);
        var afterPassword = await SessionRows.OfAsync(portal.Host, secondFactor);
        using var alone = portal.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await PasskeyJourneys.SignInAsync(alone, deviceBound)).StatusCode);
        var passwordless = await SessionRows.OfAsync(portal.Host, alone);
        using var aloneSynced = portal.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await PasskeyJourneys.SignInAsync(aloneSynced, synced)).StatusCode);
        var passwordlessSynced = await SessionRows.OfAsync(portal.Host, aloneSynced);

        Assert.Equal("pwd,swk,user,mfa", setUp.Amr);
        Assert.Equal("pwd,hwk,user,mfa", afterPassword.Amr);
        Assert.Equal("hwk,user,mfa", passwordless.Amr);
        Assert.Equal(portal.Time.GetUtcNow(), passwordless.AuthTime);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", passwordless.Sid);
        Assert.Equal("swk,user,mfa", passwordlessSynced.Amr);
    }

    // Each test texts its own number: the outbox's newest code for a number shared with another test of the class, sent at the
    // same fake time, could be the other test's.
    private static async Task<System.Text.Json.JsonElement> SetUpSmsAsync(PortalClient client, string national)
    {
        var sent = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = national });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var code = await client.LatestSmsCodeAsync("+1" + national.Replace(" ", "", StringComparison.Ordinal));
        var confirmed = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return await PortalClient.ReadJsonAsync(confirmed);
    }
}

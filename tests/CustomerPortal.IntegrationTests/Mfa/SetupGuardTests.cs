using System.Net;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.IntegrationTests.Mfa;

/// <summary>A password alone never adds or replaces a factor, and a setup plan is finished before signing in.</summary>
public sealed class SetupGuardTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task HalfDonePlan_CannotBeSkipped_BySigningInWithTheFirstMethod()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } });
        await Journeys.SetUpSmsAsync(client);
        portal.Time.Advance(TimeSpan.FromSeconds(31));

        var send = await client.PostAsync("/api/mfa/sms/send");
        var verify = await client.PostAsync("/api/mfa/verify", new { method = "sms", code = "123456" });

        Assert.Equal("wrong_stage", await Journeys.ProblemCodeAsync(send));
        Assert.Equal("wrong_stage", await Journeys.ProblemCodeAsync(verify));
    }

    [Fact]
    public async Task PlanAbandonedAfterSms_NextSignInWithSms_IssuesRecoveryCodes()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } });
        await Journeys.SetUpSmsAsync(client);
        portal.Time.Advance(TimeSpan.FromMinutes(11));

        var login = await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(client, email));
        await client.PostAsync("/api/mfa/sms/send");
        var verified = await client.PostAsync("/api/mfa/verify", new { method = "sms", code = await client.LatestSmsCodeAsync(Journeys.UsPhone) });

        Assert.Equal("mfa-verify", login.GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(10, (await PortalClient.ReadJsonAsync(verified)).GetProperty("recoveryCodes").GetArrayLength());
    }

    [Fact]
    public async Task PendingSession_CannotReplaceAFactorSetUpMeanwhileInAnotherSession()
    {
        using var first = portal.NewClient();
        using var second = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(first, email);
        await Journeys.LoginAsync(second, email);
        await first.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        await second.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });

        await Journeys.SetUpTotpAsync(second, portal.Time);
        var response = await first.PostAsync("/api/mfa/totp/setup");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("wrong_stage", await Journeys.ProblemCodeAsync(response));
    }

    /// <summary>Security review finding 1: a setup code confirmed after another session's plan completed must not clear the enrolled phone.</summary>
    [Fact]
    public async Task SmsSetupCode_FromBeforeAnotherSessionsCompletedPlan_IsSetupExpired_AndKeepsTheEnrolledPhone()
    {
        using var first = portal.NewClient();
        using var second = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(first, email);
        await first.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } });
        await first.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0170" });
        await first.PostAsync("/api/mfa/sms/setup/confirm", new { code = await first.LatestSmsCodeAsync("+12015550170") });
        var (secret, _) = await Journeys.SetUpTotpAsync(first, portal.Time);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await Journeys.LoginAsync(second, email);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);

        // Session 1 starts replacing the phone; session 2 replaces the authenticator and completes its plan.
        await first.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        Assert.Equal(HttpStatusCode.Accepted, (await first.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0171" })).StatusCode);
        var code = await first.LatestSmsCodeAsync("+12015550171");
        await second.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await Journeys.SetUpTotpAsync(second, portal.Time);

        var confirm = await first.PostAsync("/api/mfa/sms/setup/confirm", new { code });
        var status = await PortalClient.ReadJsonAsync(await second.GetAsync("/api/mfa"));

        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Equal("setup_expired", await Journeys.ProblemCodeAsync(confirm));
        Assert.Equal("+1 ••• ••• 0170", status.GetProperty("enrolled").GetProperty("sms").GetProperty("phoneHint").GetString());
    }

    /// <summary>A completed plan withdraws every setup code: even a session whose phone is still pending cannot use the old code.</summary>
    [Fact]
    public async Task CompletedPlan_WithdrawsTheSmsSetupCode()
    {
        using var first = portal.NewClient();
        using var second = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(first, portal.Time, email);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await Journeys.LoginAsync(second, email);
        await second.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });

        await first.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await first.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0172" });
        var code = await first.LatestSmsCodeAsync("+12015550172");
        await second.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await Journeys.SetUpTotpAsync(second, portal.Time);

        var account = await AccountRowAsync(email);
        var confirm = await first.PostAsync("/api/mfa/sms/setup/confirm", new { code });

        Assert.Null(account.SmsCodeHash);
        Assert.Null(account.PendingPhoneProtected);
        Assert.Equal("setup_expired", await Journeys.ProblemCodeAsync(confirm));
        Assert.Null(account.SmsPhoneProtected);
    }

    private async Task<AccountEntity> AccountRowAsync(string email)
    {
        var store = portal.Host.Services.GetRequiredService<AccountStore>();
        var id = await store.FindIdByEmailAsync(email, default);
        return (await store.FindAsync(id!, default))!;
    }

    [Fact]
    public async Task OutboxSender_OutsideDevelopment_StopsTheAppAtStartUp()
    {
        // Email is set up as in Azure, so the SMS outbox is the one refusal (the email outbox has its own test).
        var settings = new Dictionary<string, string?>
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
            ["Sms:Provider"] = "Outbox",
            ["Email:Provider"] = "Acs",
            ["Email:Acs:Endpoint"] = "https://example.communication.azure.com/",
            ["Oidc:SigningKeys:test1"] = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => PortalTestHost.StartAsync(portal.Azurite.ConnectionString, settings));

        Assert.Contains("Development only", failure.Message);
    }
}

using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
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

    [Fact]
    public async Task OutboxSender_OutsideDevelopment_StopsTheAppAtStartUp()
    {
        var settings = new Dictionary<string, string?> { ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production", ["Sms:Provider"] = "Outbox" };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => PortalTestHost.StartAsync(portal.Azurite.ConnectionString, settings));

        Assert.Contains("Development only", failure.Message);
    }
}

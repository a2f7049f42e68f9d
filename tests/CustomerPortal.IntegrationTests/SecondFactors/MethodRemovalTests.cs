using System.Net;
using System.Text.Json;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.SecondFactors;

/// <summary>
/// Every method goes through the one removal path (issue 21): after a step-up, never the last method, the same security email,
/// the audit row, the session's copy of the methods, and the remembered devices forgotten (RD9). Before, removing a passkey
/// sent no email while removing SMS did.
/// </summary>
public sealed class MethodRemovalTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string MethodRemoved = "A way to confirm it's you was removed";

    private static int phones;

    [Theory]
    [InlineData("sms", "SMS/Text to your phone was removed")]
    [InlineData("totp", "Authenticator App was removed")]
    [InlineData("passkey", "A passkey was removed")]
    public async Task Removing_AnyMethod_EmailsTheCustomer_AuditsIt_AndForgetsTheRememberedDevices(string method, string emailed)
    {
        var (client, email, authenticator) = await AccountWithEveryMethodAsync(rememberDevice: true);
        using var _ = authenticator;
        Assert.Single((await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me/devices"))).EnumerateArray());

        var removed = await RemoveAsync(client, method);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var sent = Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == MethodRemoved);
        Assert.Contains(emailed, Emails.Text(sent), StringComparison.Ordinal);
        var me = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me"));
        Assert.DoesNotContain(method, me.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Empty((await PortalClient.ReadJsonAsync(await client.GetAsync("/api/me/devices"))).EnumerateArray());
        var (events, _) = await portal.Host.Services.GetRequiredService<AuditLog>().ReadAsync(SessionRows.AccountOf(client), 50, null, default);
        Assert.Contains(events, row => row.Event == AuditEvents.MfaMethodRemoved && row.Detail == method);
        if (method == "passkey")
        {
            using var stranger = portal.NewClient();
            Assert.Equal("passkey_rejected", await Journeys.ProblemCodeAsync(await PasskeyJourneys.SignInAsync(stranger, authenticator)));
        }
    }

    [Theory]
    [InlineData("sms")]
    [InlineData("totp")]
    [InlineData("passkey")]
    public async Task Removing_TheLastMethod_IsRefused_AndEmailsNothing(string method)
    {
        using var client = portal.NewClient();
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { method } })).StatusCode);
        switch (method)
        {
            case "sms":
                await SetUpSmsAsync(client);
                break;
            case "totp":
                await Journeys.SetUpTotpAsync(client, portal.Time);
                break;
            default:
                Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(client, authenticator)).StatusCode);
                break;
        }

        var refused = await RemoveAsync(client, method);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("last_method", await Journeys.ProblemCodeAsync(refused));
        Assert.DoesNotContain(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == MethodRemoved);
    }

    [Fact]
    public async Task Removing_WithoutAFreshStepUp_IsRefused_ForEveryMethod()
    {
        var (client, _, authenticator) = await AccountWithEveryMethodAsync(rememberDevice: false);
        using var _ = authenticator;
        portal.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        foreach (var method in new[] { "sms", "totp", "passkey" })
        {
            Assert.Equal("step_up_required", await Journeys.ProblemCodeAsync(await RemoveAsync(client, method)));
        }
    }

    // SMS, the app (whose confirmation may remember the device) and a passkey, in a full session with a fresh step-up.
    private async Task<(PortalClient Client, string Email, TestAuthenticator Authenticator)> AccountWithEveryMethodAsync(bool rememberDevice)
    {
        var client = portal.NewClient();
        var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } })).StatusCode);
        await SetUpSmsAsync(client);
        var setup = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        var confirmed = await client.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, portal.Time), rememberDevice });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(client, authenticator)).StatusCode);
        await Emails.SentAsync(portal.Host);
        return (client, email, authenticator);
    }

    private static async Task<HttpResponseMessage> RemoveAsync(PortalClient client, string method)
    {
        if (method != "passkey")
        {
            return await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/mfa/methods/{method}"));
        }

        var id = (await PortalClient.ReadJsonAsync(await client.GetAsync("/api/passkeys"))).EnumerateArray().First().GetProperty("id").GetString();
        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/passkeys/{id}"));
    }

    // A number of each account's own: the outbox's newest code for a number texted before at the same fake time could be the
    // other account's, and one number's hourly limit would soon refuse.
    private static async Task<JsonElement> SetUpSmsAsync(PortalClient client)
    {
        var line = 150 + Interlocked.Increment(ref phones);
        var sent = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = $"201 555 0{line}" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var confirmed = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync($"+12015550{line}") });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return await PortalClient.ReadJsonAsync(confirmed);
    }
}

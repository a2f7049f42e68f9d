using System.Net.Http.Json;
using System.Net;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Support;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Security;

/// <summary>
/// Findings 2, 3 and 5 of the security review (issue 10), each reproduced as the reviewer did against the local host.
/// Finding 1 is in <c>Mfa/SetupGuardTests</c>, finding 4 in <c>Performance/StorageRequestBudgetTests</c>.
/// </summary>
public sealed class SecurityReviewTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    // Finding 2: the client IP is the connection's address after trusted hops, not an entry the client wrote.
    [Fact]
    public async Task ClientIp_IsTheAddressTheTrustedHopSaw_NotTheClientsOwnForwardedEntry()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "6.6.6.6, 203.0.113.5");

        await Journeys.LoginAsync(client, email, "a wrong password for the audit");

        var rows = await AuditRowsAsync(portal.Host, email);
        Assert.Contains(rows, row => row.Event == AuditEvents.SignInFailed && row.ClientIp == "203.0.113.5");
        Assert.DoesNotContain(rows, row => row.ClientIp == "6.6.6.6");
    }

    [Fact]
    public async Task PerIpSmsLimit_CannotBeResetByChangingTheForwardedHeader()
    {
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, new Dictionary<string, string?> { ["Sms:MaxSendsPerClientIpPerHour"] = "2" });
        var answers = new List<HttpResponseMessage>();
        foreach (var (claimed, phone) in new[] { ("6.6.6.6", "201 555 0161"), ("6.6.6.6", "201 555 0162"), ("7.7.7.7", "201 555 0163") })
        {
            using var client = new PortalClient(host.CreateClient());
            await Journeys.ActivateAsync(client, Journeys.NewEmail());
            await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"{claimed}, 203.0.113.5");
            answers.Add(await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone }));
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers.Select(answer => answer.StatusCode));
        Assert.Equal("sms_rate_limited", await Journeys.ProblemCodeAsync(answers[2]));
    }

    [Fact]
    public async Task TrustedProxies_LetTheChainBeWalkedFurther_OnlyThroughTheConfiguredHop()
    {
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, new Dictionary<string, string?> { ["Portal:TrustedProxies"] = "203.0.113.0/24" });
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 203.0.113.5");

        await Journeys.LoginAsync(client, email, "a wrong password for the audit");

        var rows = await AuditRowsAsync(host, email);
        Assert.Contains(rows, row => row.Event == AuditEvents.SignInFailed && row.ClientIp == "198.51.100.7");
    }

    // Finding 3: the Origin check never trusts the request's own Host, and the local host answers only its own names.
    [Fact]
    public async Task ReboundHost_WithItsOwnOrigin_CreatesNoAccount_AndReadsNoOutbox()
    {
        using var client = portal.Host.CreateClient();
        var port = portal.Host.BaseAddress.Port;
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/admin/accounts")
        {
            Content = JsonContent.Create(new { email = Journeys.NewEmail(), displayName = "Rebound", claimNumber = "CLM-1" }),
        };
        create.Headers.Host = $"attacker.test:{port}";
        create.Headers.Add("Origin", $"http://attacker.test:{port}");
        var outbox = new HttpRequestMessage(HttpMethod.Get, "/api/dev/sms-outbox");
        outbox.Headers.Host = $"attacker.test:{port}";

        var created = await client.SendAsync(create);
        var read = await client.SendAsync(outbox);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }

    [Fact]
    public async Task OwnHostAsOrigin_IsRefused_WhenItIsNotAConfiguredOrigin()
    {
        // The allowed host, but an origin nobody configured: before the fix the Host comparison let it through.
        using var client = portal.Host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/accounts")
        {
            Content = JsonContent.Create(new { email = Journeys.NewEmail(), displayName = "Rebound", claimNumber = "CLM-1" }),
        };
        request.Headers.Host = $"localhost:{portal.Host.BaseAddress.Port}";
        request.Headers.Add("Origin", $"http://localhost:{portal.Host.BaseAddress.Port}");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("origin_not_allowed", await Journeys.ProblemCodeAsync(response));
    }

    // Finding 5: every /api answer says no-store, the ones with secrets and personal data first.
    [Fact]
    public async Task EveryApiAnswer_SaysNoStore()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["authenticator key"] = await client.PostAsync("/api/mfa/totp/setup"),
        };
        var (_, confirm) = await Journeys.SetUpTotpAsync(client, portal.Time);
        Assert.Equal(10, confirm.GetProperty("recoveryCodes").GetArrayLength());
        answers["recovery codes"] = await client.PostAsync("/api/mfa/recovery-codes");
        answers["me"] = await client.GetAsync("/api/me");
        answers["health"] = await client.GetAsync("/api/health");
        answers["problem"] = await client.PostAsync("/api/auth/login", new { email = "x" });
        answers["unknown route"] = await client.GetAsync("/api/no-such-route");

        foreach (var (what, answer) in answers)
        {
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{what} ({(int)answer.StatusCode}) has Cache-Control '{answer.Headers.CacheControl}'");
        }
    }

    private static async Task<List<AuditEntity>> AuditRowsAsync(PortalTestHost host, string email)
    {
        var store = host.Services.GetRequiredService<CustomerPortal.Functions.Accounts.AccountStore>();
        var accountId = await store.FindIdByEmailAsync(email, default);
        var (events, _) = await host.Services.GetRequiredService<AuditLog>().ReadAsync(accountId!, SupportService.MaxEventLimit, null, default);
        return [.. events];
    }
}

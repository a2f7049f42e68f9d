using System.Diagnostics;
using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Sms;

/// <summary>
/// <c>POST /api/mfa/sms/setup</c> end to end with <c>Sms:Provider=Acs</c>, against the fake ACS server
/// that checks every request's HMAC signature: each provider answer, and what the customer gets.
/// </summary>
public sealed class SmsSetupThroughAcsTests : IAsyncLifetime
{
    private AzuriteServer azurite = null!;
    private FakeAcsServer acs = null!;
    private PortalTestHost host = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartAsync();
        acs = await FakeAcsServer.StartAsync();
        host = await PortalTestHost.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Sms:Provider"] = "Acs",
            ["Sms:Acs:ConnectionString"] = acs.ConnectionString,
            ["Sms:From"] = "+18005550100",
        });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await acs.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task Success_Returns202_AndTheCodeInTheSignedRequestConfirmsThePhone()
    {
        using var client = await PendingSetupClientAsync();

        var response = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = Journeys.UsPhoneNational });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(acs.Requests);
        Assert.Equal(Journeys.UsPhone, request.Recipient.GetProperty("to").GetString());
        var message = request.Message!;
        var code = message[(message.LastIndexOf('#') + 1)..];
        Assert.EndsWith($"@localhost #{code}", message);
        var confirm = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
    }

    [Theory]
    [InlineData(FakeAcsReply.RecipientFailure)]
    [InlineData(FakeAcsReply.ServerError)]
    public async Task ProviderFailure_Returns503_LeavesNoLiveCode_ConsumesNoAttempt_AndAllowsARetry(FakeAcsReply reply)
    {
        using var client = await PendingSetupClientAsync();
        acs.DefaultReply = reply;

        var failed = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = Journeys.UsPhoneNational });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("sms_send_failed", await Journeys.ProblemCodeAsync(failed));
        Assert.Contains("authenticator", (await PortalClient.ReadJsonAsync(failed)).GetProperty("detail").GetString());
        var noCode = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = "123456" });
        Assert.Equal("setup_expired", await Journeys.ProblemCodeAsync(noCode)); // the failed send withdrew the waiting phone too

        acs.DefaultReply = FakeAcsReply.Success;
        var retry = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = Journeys.UsPhoneNational });
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var wrong = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = "000000" == LastCode() ? "111111" : "000000" });
        Assert.Equal(4, (await PortalClient.ReadJsonAsync(wrong)).GetProperty("attemptsRemaining").GetInt32());
    }

    [Fact]
    public async Task TooManyRequestsThenSuccess_Returns202_WithOneRepeatabilityId()
    {
        using var client = await PendingSetupClientAsync();
        acs.Enqueue(FakeAcsReply.TooManyRequests);

        var response = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = Journeys.UsPhoneNational });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, acs.Requests.Count);
        Assert.Single(acs.Requests.Select(r => r.RepeatabilityRequestId).Distinct());
    }

    [Fact]
    public async Task HangingProvider_Returns503_WithinTheTimeBudget()
    {
        using var client = await PendingSetupClientAsync();
        acs.DefaultReply = FakeAcsReply.Hang;
        var clock = Stopwatch.StartNew();

        var response = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = Journeys.UsPhoneNational });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("sms_send_failed", await Journeys.ProblemCodeAsync(response));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task SixthSendToOnePhoneWithinAnHour_FromDifferentAccounts_IsRefused()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var client = await PendingSetupClientAsync();
            statuses.Add((await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0199" })).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, 5).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(5, acs.Requests.Count);
    }

    [Fact]
    public async Task ParallelSendsToOnePhone_FromManyAccounts_SendAtMostFive()
    {
        var clients = new List<PortalClient>();
        for (var i = 0; i < 10; i++)
        {
            clients.Add(await PendingSetupClientAsync());
        }

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0198" })));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(5, acs.Requests.Count);
        clients.ForEach(c => c.Dispose());
    }

    private string LastCode()
    {
        var message = acs.Requests[^1].Message!;
        return message[(message.LastIndexOf('#') + 1)..];
    }

    private async Task<PortalClient> PendingSetupClientAsync()
    {
        var client = new PortalClient(host.CreateClient());
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        return client;
    }
}

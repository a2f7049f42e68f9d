using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Core;
using CustomerPortal.Functions.Acs;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Sms.Acs;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Sms;

/// <summary><see cref="AcsSmsSender"/>, registered by <c>AddSms</c>, against a fake ACS that checks every signature.</summary>
public sealed class AcsSmsSenderTests : IAsyncLifetime
{
    private const string To = "+15555550123";
    private const string Body = "Your Customer Portal sign-in code is 493817.";

    private FakeAcsServer acs = null!;

    public async Task InitializeAsync() => acs = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await acs.DisposeAsync();

    [Fact]
    public async Task Send_AcceptedByAcs_ReturnsSuccessWithMessageId_AndSendsTheContractBody()
    {
        await using var services = SmsServices.Build(SmsServices.AcsSettings(acs.ConnectionString));

        var result = await Sender(services).SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.StartsWith("Outgoing_", result.MessageId);
        var request = Assert.Single(acs.Requests);
        Assert.Null(request.Rejection);
        Assert.Equal("/sms?api-version=2021-03-07", request.PathAndQuery);
        Assert.Equal(SmsServices.From, request.Body.GetProperty("from").GetString());
        Assert.Equal(Body, request.Message);
        Assert.Equal(To, request.Recipient.GetProperty("to").GetString());
        Assert.True(Guid.TryParse(request.RepeatabilityRequestId, out _));
        Assert.True(DateTimeOffset.TryParseExact(request.Recipient.GetProperty("repeatabilityFirstSent").GetString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.True(request.Body.GetProperty("smsSendOptions").GetProperty("enableDeliveryReport").GetBoolean());
        Assert.Equal("mfa-setup", request.Body.GetProperty("smsSendOptions").GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Send_RecipientRefusedInA202_ReturnsProviderRejected()
    {
        acs.Enqueue(FakeAcsReply.RecipientFailure);
        await using var services = SmsServices.Build(SmsServices.AcsSettings(acs.ConnectionString));

        var result = await Sender(services).SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.Equal(SmsSendResult.Failure(SmsFailureReasons.ProviderRejected), result);
        Assert.Single(acs.Requests);
    }

    [Fact]
    public async Task Send_After429WithRetryAfter_WaitsThenRetriesTheSameSignedAfreshRequest()
    {
        acs.Enqueue(FakeAcsReply.TooManyRequests, FakeAcsReply.Success);
        await using var services = SmsServices.Build(SmsServices.AcsSettings(acs.ConnectionString));

        var result = await Sender(services).SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Collection(
            acs.Requests,
            first => Assert.Null(first.Rejection),
            second => Assert.Null(second.Rejection));
        var (first, second) = (acs.Requests[0], acs.Requests[1]);
        Assert.Equal(first.RepeatabilityRequestId, second.RepeatabilityRequestId);
        Assert.Equal(first.RawBody, second.RawBody);
        Assert.True(second.ReceivedAt - first.ReceivedAt >= TimeSpan.FromMilliseconds(950), $"Retry-After: 1 was not honoured ({second.ReceivedAt - first.ReceivedAt}).");
        Assert.NotEqual(first.Headers["x-ms-date"], second.Headers["x-ms-date"]);
    }

    [Fact]
    public async Task Send_WhileAcsKeepsFailingWith500_ReturnsProviderUnavailableAfterRetries_WithinTheBudget()
    {
        acs.DefaultReply = FakeAcsReply.ServerError;
        await using var services = SmsServices.Build(SmsServices.AcsSettings(acs.ConnectionString));
        var clock = Stopwatch.StartNew();

        var result = await Sender(services).SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.Equal(SmsSendResult.Failure(SmsFailureReasons.ProviderUnavailable), result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Took {clock.Elapsed}.");
        Assert.Equal(1 + new AcsConnectionOptions().MaxRetries, acs.Requests.Count);
        Assert.Single(acs.Requests.Select(r => r.RepeatabilityRequestId).Distinct());
    }

    [Fact]
    public async Task Send_WhenAcsNeverAnswers_ReturnsTimeoutAtTheDefaultTenSecondBudget()
    {
        acs.DefaultReply = FakeAcsReply.Hang;
        await using var services = SmsServices.Build(SmsServices.AcsSettings(acs.ConnectionString));
        var clock = Stopwatch.StartNew();

        var result = await Sender(services).SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.Equal(SmsSendResult.Failure(SmsFailureReasons.Timeout), result);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(9.5), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task Send_WhenOneAttemptHangs_RetriesWithinAShortBudget_AndSucceeds()
    {
        acs.Enqueue(FakeAcsReply.Hang, FakeAcsReply.Success);
        await using var services = SmsServices.Build(SmsServices.AcsSettings(acs.ConnectionString, totalTimeoutSeconds: 3, attemptTimeoutSeconds: 1));
        var clock = Stopwatch.StartNew();

        var result = await Sender(services).SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"Took {clock.Elapsed}.");
        Assert.Equal(2, acs.Requests.Count);
        Assert.Single(acs.Requests.Select(r => r.RepeatabilityRequestId).Distinct());
    }

    [Fact]
    public async Task Send_WithAWrongAccessKey_IsRefusedByAcs_AndReportsProviderRejectedWithoutRetrying()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        await using var services = SmsServices.Build(SmsServices.AcsSettings($"endpoint={acs.Endpoint};accesskey={wrongKey}"));

        var result = await Sender(services).SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.Equal(SmsSendResult.Failure(SmsFailureReasons.ProviderRejected), result);
        var request = Assert.Single(acs.Requests);
        Assert.Equal("signature mismatch", request.Rejection);
    }

    [Fact]
    public async Task Send_WithEndpointAndNoKey_UsesAnEntraTokenForTheCommunicationScope()
    {
        acs.BearerToken = "token-" + Guid.NewGuid();
        var credential = new StaticTokenCredential(acs.BearerToken);
        var settings = SmsServices.AcsSettings(connectionString: "");
        settings["Sms:Acs:Endpoint"] = acs.Endpoint.ToString();
        await using var services = SmsServices.Build(settings, configure: s => s.AddSingleton<TokenCredential>(credential));

        var result = await Sender(services).SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Equal("Bearer " + acs.BearerToken, Assert.Single(acs.Requests).Headers["Authorization"]);
        Assert.Equal(["https://communication.azure.com//.default"], credential.RequestedScopes);
    }

    [Fact]
    public async Task Send_Logs_NeitherTheKeyNorTheMessageText_AndOnlyAMaskedPhoneNumber()
    {
        acs.Enqueue(FakeAcsReply.Success, FakeAcsReply.RecipientFailure, FakeAcsReply.TooManyRequests);
        acs.DefaultReply = FakeAcsReply.ServerError;
        var logs = new LogCapture();
        await using var services = SmsServices.Build(SmsServices.AcsSettings(acs.ConnectionString), logs);
        var sender = Sender(services);

        await sender.SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);
        await sender.SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);
        await sender.SendAsync(new SmsMessage(To, Body, "mfa-setup"), CancellationToken.None);

        Assert.Contains(logs.Logs, l => l.Category == typeof(AcsSmsSender).FullName && l.Message.Contains("+*********23", StringComparison.Ordinal));
        Assert.Contains(logs.Logs, l => l.Level == LogLevel.Warning && l.Category == typeof(AcsSmsSender).FullName);
        Assert.DoesNotContain(acs.AccessKey, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("493817", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("5555550123", logs.AllText, StringComparison.Ordinal);
    }

    private static ISmsSender Sender(IServiceProvider services)
    {
        var sender = services.GetRequiredService<ISmsSender>();
        Assert.IsType<AcsSmsSender>(sender);
        return sender;
    }
}

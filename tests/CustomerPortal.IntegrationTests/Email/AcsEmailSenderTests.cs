using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Core;
using CustomerPortal.Functions.Acs;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Email.Acs;
using CustomerPortal.IntegrationTests.Sms;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Email;

/// <summary><see cref="AcsEmailSender"/>, registered by <c>AddEmail</c>, against a fake ACS that checks every signature.</summary>
public sealed class AcsEmailSenderTests : IAsyncLifetime
{
    private const string To = "alex.morgan@customer.example.test";
    private const string Subject = "Reset your Customer Portal password";
    private const string Text = "Open https://portal.example.test/reset-password.html#token=k3y-s3cr3t to choose a new password.";
    private const string Html = "<p><a href=\"https://portal.example.test/reset-password.html#token=k3y-s3cr3t\">Choose a new password</a></p>";

    private static readonly EmailMessage Message = new(To, "Alex Morgan", Subject, Text, Html, "password-reset");

    private FakeAcsServer acs = null!;

    public async Task InitializeAsync() => acs = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await acs.DisposeAsync();

    [Fact]
    public async Task Send_AcceptedByAcs_ReturnsSuccessWithTheOperationId_AndSendsTheContractBody()
    {
        await using var services = EmailServices.Build(EmailServices.AcsSettings(acs.ConnectionString));

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.True(result.Accepted);
        var request = Assert.Single(acs.Requests);
        Assert.Null(request.Rejection);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/emails:send?api-version=2023-03-31", request.PathAndQuery);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.StartsWith("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=", request.Headers["Authorization"]);
        Assert.True(Guid.TryParse(request.OperationId, out _), $"Operation-Id: {request.OperationId}");
        Assert.Equal(request.OperationId, result.MessageId);
        Assert.Equal([request.OperationId!], acs.EmailOperations);
        var body = request.Body;
        Assert.Equal(EmailServices.From, body.GetProperty("senderAddress").GetString());
        var recipient = Assert.Single(body.GetProperty("recipients").GetProperty("to").EnumerateArray());
        Assert.Equal(To, recipient.GetProperty("address").GetString());
        Assert.Equal("Alex Morgan", recipient.GetProperty("displayName").GetString());
        Assert.Equal(Subject, body.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal(Text, body.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Equal(Html, body.GetProperty("content").GetProperty("html").GetString());
        Assert.True(body.GetProperty("userEngagementTrackingDisabled").GetBoolean());
    }

    [Fact]
    public async Task Send_WithoutADisplayName_LeavesItOutOfTheRecipient()
    {
        await using var services = EmailServices.Build(EmailServices.AcsSettings(acs.ConnectionString));

        var result = await Sender(services).SendAsync(Message with { DisplayName = "" }, CancellationToken.None);

        Assert.True(result.Accepted);
        var recipient = Assert.Single(acs.Requests).Body.GetProperty("recipients").GetProperty("to")[0];
        Assert.False(recipient.TryGetProperty("displayName", out _));
    }

    [Fact]
    public async Task Send_After429WithRetryAfter_WaitsThenRetriesTheSameSignedAfreshRequest_WithOneOperationId()
    {
        acs.Enqueue(FakeAcsReply.TooManyRequests, FakeAcsReply.Success);
        await using var services = EmailServices.Build(EmailServices.AcsSettings(acs.ConnectionString));

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Collection(
            acs.Requests,
            first => Assert.Null(first.Rejection),
            second => Assert.Null(second.Rejection));
        var (first, second) = (acs.Requests[0], acs.Requests[1]);
        Assert.NotNull(first.OperationId);
        Assert.Equal(first.OperationId, second.OperationId);
        Assert.Equal(first.RawBody, second.RawBody);
        Assert.True(second.ReceivedAt - first.ReceivedAt >= TimeSpan.FromMilliseconds(950), $"Retry-After: 1 was not honoured ({second.ReceivedAt - first.ReceivedAt}).");
        Assert.NotEqual(first.Headers["x-ms-date"], second.Headers["x-ms-date"]);
        Assert.Equal([first.OperationId], acs.EmailOperations);
    }

    [Theory]
    [InlineData(FakeAcsReply.ServerError)]
    [InlineData(FakeAcsReply.TooManyRequests)]
    public async Task Send_WhileAcsKeepsFailing_ReturnsProviderUnavailableAfterEveryRetry_WithOneOperationId_WithinTheBudget(FakeAcsReply reply)
    {
        acs.DefaultReply = reply;
        await using var services = EmailServices.Build(EmailServices.AcsSettings(acs.ConnectionString));
        var clock = Stopwatch.StartNew();

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.Equal(EmailSendResult.Failure(EmailFailureReasons.ProviderUnavailable), result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Took {clock.Elapsed}.");
        Assert.Equal(1 + new AcsConnectionOptions().MaxRetries, acs.Requests.Count);
        Assert.All(acs.Requests, request => Assert.Null(request.Rejection));
        Assert.Single(acs.Requests.Select(r => r.OperationId).Distinct());
    }

    [Fact]
    public async Task Send_WhenAcsNeverAnswers_ReturnsTimeoutAtTheTotalBudget_HavingRetriedWithOneOperationId()
    {
        acs.DefaultReply = FakeAcsReply.Hang;
        await using var services = EmailServices.Build(EmailServices.AcsSettings(acs.ConnectionString, totalTimeout: "00:00:03", attemptTimeout: "00:00:01"));
        var clock = Stopwatch.StartNew();

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.Equal(EmailSendResult.Failure(EmailFailureReasons.Timeout), result);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5));
        Assert.True(acs.Requests.Count >= 2, $"{acs.Requests.Count} attempt(s): a hanging attempt was not retried.");
        Assert.Single(acs.Requests.Select(r => r.OperationId).Distinct());
    }

    [Fact]
    public async Task Send_WhenOneAttemptHangs_RetriesWithinTheBudget_AndSucceeds()
    {
        acs.Enqueue(FakeAcsReply.Hang, FakeAcsReply.Success);
        await using var services = EmailServices.Build(EmailServices.AcsSettings(acs.ConnectionString, totalTimeout: "00:00:03", attemptTimeout: "00:00:01"));
        var clock = Stopwatch.StartNew();

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"Took {clock.Elapsed}.");
        Assert.Equal(2, acs.Requests.Count);
        Assert.Single(acs.Requests.Select(r => r.OperationId).Distinct());
    }

    [Fact]
    public async Task Send_WhenAcsRefusesTheRecipientWith400_ReturnsProviderRejectedWithoutRetrying()
    {
        acs.DefaultReply = FakeAcsReply.RecipientFailure;
        await using var services = EmailServices.Build(EmailServices.AcsSettings(acs.ConnectionString));

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.Equal(EmailSendResult.Failure(EmailFailureReasons.ProviderRejected), result);
        Assert.Single(acs.Requests);
        Assert.Empty(acs.EmailOperations);
    }

    [Fact]
    public async Task Send_WithAWrongAccessKey_IsRefusedByAcs_AndReportsProviderRejectedWithoutRetrying()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        await using var services = EmailServices.Build(EmailServices.AcsSettings($"endpoint={acs.Endpoint};accesskey={wrongKey}"));

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.Equal(EmailSendResult.Failure(EmailFailureReasons.ProviderRejected), result);
        var request = Assert.Single(acs.Requests);
        Assert.Equal("signature mismatch", request.Rejection);
    }

    [Fact]
    public async Task Send_WhenAcsIsUnreachable_ReturnsProviderUnavailableAfterRetries()
    {
        await using var services = EmailServices.Build(EmailServices.AcsSettings($"endpoint=http://127.0.0.1:{FreePort.Next()}/;accesskey={acs.AccessKey}"));
        var clock = Stopwatch.StartNew();

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.Equal(EmailSendResult.Failure(EmailFailureReasons.ProviderUnavailable), result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Took {clock.Elapsed}.");
    }

    [Fact]
    public async Task Send_WithEndpointAndNoKey_UsesAnEntraTokenForTheCommunicationScope()
    {
        acs.BearerToken = "token-" + Guid.NewGuid();
        var credential = new StaticTokenCredential(acs.BearerToken);
        var settings = EmailServices.AcsSettings(connectionString: "");
        settings["Email:Acs:Endpoint"] = acs.Endpoint.ToString();
        await using var services = EmailServices.Build(settings, configure: s => s.AddSingleton<TokenCredential>(credential));

        var result = await Sender(services).SendAsync(Message, CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Equal("Bearer " + acs.BearerToken, Assert.Single(acs.Requests).Headers["Authorization"]);
        Assert.Equal(["https://communication.azure.com//.default"], credential.RequestedScopes);
    }

    [Fact]
    public async Task Send_Logs_TheTagAndOperation_ButNeitherTheKeyNorAnyAddressNorTheContent()
    {
        acs.Enqueue(FakeAcsReply.Success, FakeAcsReply.RecipientFailure, FakeAcsReply.TooManyRequests);
        acs.DefaultReply = FakeAcsReply.ServerError;
        var logs = new LogCapture();
        await using var services = EmailServices.Build(EmailServices.AcsSettings(acs.ConnectionString), logs);
        var sender = Sender(services);

        var accepted = await sender.SendAsync(Message, CancellationToken.None);
        await sender.SendAsync(Message, CancellationToken.None);
        await sender.SendAsync(Message, CancellationToken.None);

        var mine = logs.Logs.Where(l => l.Category == typeof(AcsEmailSender).FullName).ToList();
        Assert.Contains(mine, l => l.Level == LogLevel.Information && l.Message.Contains("password-reset", StringComparison.Ordinal) && l.Message.Contains(accepted.MessageId!, StringComparison.Ordinal));
        Assert.Contains(mine, l => l.Level == LogLevel.Error && l.Message.Contains("HTTP 400", StringComparison.Ordinal));
        Assert.Contains(mine, l => l.Level == LogLevel.Warning && l.Message.Contains("HTTP 500", StringComparison.Ordinal));
        Assert.DoesNotContain(acs.AccessKey, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("alex.morgan", logs.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("customer.example.test", logs.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DoNotReply", logs.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Alex Morgan", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y-s3cr3t", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Subject, logs.AllText, StringComparison.Ordinal);
    }

    private static IEmailSender Sender(IServiceProvider services)
    {
        var sender = services.GetRequiredService<IEmailSender>();
        Assert.IsType<AcsEmailSender>(sender);
        return sender;
    }
}

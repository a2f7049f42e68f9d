using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Acs;
using CustomerPortal.Functions.Email.Acs;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Email;

/// <summary>
/// The fake's email route checks signatures as Microsoft's email SDK needs them to be checked, and refuses what the
/// real service refuses; otherwise the email sender tests would prove nothing.
/// </summary>
public sealed class FakeAcsServerEmailTests : IAsyncLifetime
{
    private const string SendBody = """{"senderAddress":"DoNotReply@portal.example.test","recipients":{"to":[{"address":"alex@customer.example.test","displayName":"Alex"}]},"content":{"subject":"Hello","plainText":"Hello","html":"<p>Hello</p>"},"userEngagementTrackingDisabled":true}""";

    private FakeAcsServer acs = null!;

    public async Task InitializeAsync() => acs = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await acs.DisposeAsync();

    [Fact]
    public async Task SdkSend_WithTheConnectionString_IsAccepted_AndItsPollSucceeds()
    {
        var operationId = Guid.NewGuid().ToString();

        var (exitCode, output) = await RunSdkAsync(acs.ConnectionString, operationId);

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"status\":\"Succeeded\"", output);
        Assert.Collection(
            acs.Requests,
            send =>
            {
                Assert.Null(send.Rejection);
                Assert.Equal("POST", send.Method);
                Assert.Equal("/emails:send?api-version=2025-09-01", send.PathAndQuery);
                Assert.Equal(operationId, send.OperationId);
                Assert.StartsWith("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=", send.Headers["Authorization"]);
                Assert.Equal("alex@customer.example.test", send.Body.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString());
                Assert.Equal("Hello from the SDK", send.Body.GetProperty("content").GetProperty("plainText").GetString());
            },
            poll =>
            {
                // The poll is a signed GET with an empty body: the content hash of nothing is checked too.
                Assert.Null(poll.Rejection);
                Assert.Equal("GET", poll.Method);
                Assert.Equal($"/emails/operations/{operationId}?api-version=2025-09-01", poll.PathAndQuery);
            });
        Assert.Equal([operationId], acs.EmailOperations);
    }

    [Fact]
    public async Task SdkSend_WithAWrongKey_IsRefused()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

        var (exitCode, output) = await RunSdkAsync($"endpoint={acs.Endpoint};accesskey={wrongKey}", Guid.NewGuid().ToString());

        Assert.True(exitCode == 2, output);
        Assert.Contains("401", output);
        Assert.Equal("signature mismatch", Assert.Single(acs.Requests).Rejection);
        Assert.Empty(acs.EmailOperations);
    }

    [Fact]
    public async Task RawRequest_SignedByOurHandler_IsAccepted()
    {
        using var client = SignedClient();

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsEmailSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(Assert.Single(acs.Requests).Rejection);
        Assert.Contains("/emails/operations/", response.Headers.GetValues("Operation-Location").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawRequest_WithTheBodyChangedAfterSigning_IsRefused()
    {
        using var client = SignedClient(new SwapBodyHandler(SendBody.Replace("alex@", "mallory@", StringComparison.Ordinal)));

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsEmailSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("x-ms-content-sha256 does not match the body", Assert.Single(acs.Requests).Rejection);
        Assert.Empty(acs.EmailOperations);
    }

    [Fact]
    public async Task RawRequest_WithoutASignature_IsRefused()
    {
        using var client = new HttpClient();

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsEmailSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RawRequest_WithoutARecipient_IsRefusedWith400()
    {
        using var client = SignedClient();

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsEmailSender.SendPath), Json(SendBody.Replace("""{"address":"alex@customer.example.test","displayName":"Alex"}""", "", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(acs.EmailOperations);
    }

    private HttpClient SignedClient(DelegatingHandler? afterSigning = null)
    {
        var signing = new AcsHmacSigningHandler(Convert.FromBase64String(acs.AccessKey), TimeProvider.System);
        if (afterSigning is null)
        {
            signing.InnerHandler = new HttpClientHandler();
        }
        else
        {
            signing.InnerHandler = afterSigning;
            afterSigning.InnerHandler = new HttpClientHandler();
        }

        return new HttpClient(signing);
    }

    [Fact]
    public async Task RepeatableSend_RepeatedWithTheSameIdAndBody_GetsTheFirstAnswer_AndIsOneEmail()
    {
        using var client = SignedClient();
        var id = Guid.NewGuid().ToString();
        var firstSent = DateTimeOffset.UtcNow;

        var first = await client.SendAsync(Repeatable(id, firstSent, SendBody));
        var second = await client.SendAsync(Repeatable(id, firstSent, SendBody));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(first.Headers.GetValues("Operation-Location"), second.Headers.GetValues("Operation-Location"));
        Assert.Equal(1, acs.EmailsAccepted);
    }

    [Fact]
    public async Task RepeatableSend_WithAnotherBody_OrAFirstSentOutsideTheWindow_OrMalformed_IsRefused()
    {
        using var client = SignedClient();
        var id = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Repeatable(id, DateTimeOffset.UtcNow, SendBody))).StatusCode);

        var otherBody = await client.SendAsync(Repeatable(id, DateTimeOffset.UtcNow, SendBody.Replace("Hello", "Hullo", StringComparison.Ordinal)));
        var tooOld = await client.SendAsync(Repeatable(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow - TimeSpan.FromMinutes(6), SendBody));
        var notAGuid = await client.SendAsync(Repeatable("not-a-guid", DateTimeOffset.UtcNow, SendBody));

        Assert.Equal(HttpStatusCode.BadRequest, otherBody.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, tooOld.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAGuid.StatusCode);
        Assert.Equal(1, acs.EmailsAccepted);
    }

    [Fact]
    public async Task RepeatableSend_AfterA500_RunsAgain()
    {
        using var client = SignedClient();
        var id = Guid.NewGuid().ToString();
        acs.Enqueue(FakeAcsReply.ServerError);

        var first = await client.SendAsync(Repeatable(id, DateTimeOffset.UtcNow, SendBody));
        var second = await client.SendAsync(Repeatable(id, DateTimeOffset.UtcNow, SendBody));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(1, acs.EmailsAccepted);
    }

    private HttpRequestMessage Repeatable(string id, DateTimeOffset firstSent, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(acs.Endpoint, AcsEmailSender.SendPath)) { Content = Json(body) };
        request.Headers.Add(AcsEmailSender.RepeatabilityRequestIdHeader, id);
        request.Headers.Add(AcsEmailSender.RepeatabilityFirstSentHeader, firstSent.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<(int ExitCode, string Output)> RunSdkAsync(string connectionString, string operationId)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Email", "send-email-with-sdk.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, connectionString, "DoNotReply@portal.example.test", "alex@customer.example.test", "Hello", operationId },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Replaces the body after it was signed, as a man in the middle would.</summary>
    private sealed class SwapBodyHandler(string body) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Content = Json(body);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

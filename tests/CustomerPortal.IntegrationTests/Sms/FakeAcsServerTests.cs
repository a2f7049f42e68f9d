using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Acs;
using CustomerPortal.Functions.Sms.Acs;
using CustomerPortal.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Sms;

/// <summary>
/// The fake's signature check is the one Microsoft's SDK satisfies, and it refuses what the real service
/// refuses; otherwise the sender tests would prove nothing.
/// </summary>
public sealed class FakeAcsServerTests : IAsyncLifetime
{
    private const string SendBody = """{"from":"+18005550100","smsRecipients":[{"to":"+15555550123","repeatabilityRequestId":"0f8fad5b-d9cb-469f-a165-70867728950e","repeatabilityFirstSent":"Mon, 01 Apr 2019 06:22:03 GMT"}],"message":"Hello","smsSendOptions":{"enableDeliveryReport":true,"tag":"raw"}}""";

    private FakeAcsServer acs = null!;

    public async Task InitializeAsync() => acs = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await acs.DisposeAsync();

    [Fact]
    public async Task SdkSend_WithTheConnectionString_IsAccepted()
    {
        var (exitCode, output) = await RunSdkAsync(acs.ConnectionString, "Hello from the SDK");

        Assert.True(exitCode == 0, output);
        var request = Assert.Single(acs.Requests);
        Assert.Null(request.Rejection);
        Assert.EndsWith("/sms?api-version=2021-03-07", request.PathAndQuery);
        Assert.Equal("Hello from the SDK", request.Message);
        Assert.Equal("+15555550123", request.Recipient.GetProperty("to").GetString());
        Assert.StartsWith("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=", request.Headers["Authorization"]);
        Assert.Contains("\"successful\":true", output);
    }

    [Fact]
    public async Task SdkSend_WithAWrongKey_IsRefused()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

        var (exitCode, output) = await RunSdkAsync($"endpoint={acs.Endpoint};accesskey={wrongKey}", "Hello from the SDK");

        Assert.True(exitCode == 2, output);
        Assert.Contains("401", output);
        Assert.Equal("signature mismatch", Assert.Single(acs.Requests).Rejection);
    }

    [Fact]
    public async Task RawRequest_SignedByOurHandler_IsAccepted()
    {
        using var client = SignedClient(TimeProvider.System);

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsSmsSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(Assert.Single(acs.Requests).Rejection);
    }

    [Fact]
    public async Task RawRequest_WithTheBodyChangedAfterSigning_IsRefused()
    {
        using var client = SignedClient(TimeProvider.System, new SwapBodyHandler(SendBody.Replace("Hello", "Hijacked", StringComparison.Ordinal)));

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsSmsSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("x-ms-content-sha256 does not match the body", Assert.Single(acs.Requests).Rejection);
    }

    [Fact]
    public async Task RawRequest_WithBodyAndContentHashChangedButTheOldSignature_IsRefused()
    {
        var tampered = SendBody.Replace("Hello", "Hijacked", StringComparison.Ordinal);
        using var client = SignedClient(TimeProvider.System, new SwapBodyHandler(tampered, rehash: true));

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsSmsSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature mismatch", Assert.Single(acs.Requests).Rejection);
    }

    [Fact]
    public async Task RawRequest_SignedWithADateSixMinutesOld_IsRefused()
    {
        var staleClock = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(6));
        using var client = SignedClient(staleClock);

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsSmsSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("x-ms-date is more than five minutes off", Assert.Single(acs.Requests).Rejection);
    }

    [Fact]
    public async Task RawRequest_SignedWithADateFourMinutesOff_IsAccepted()
    {
        var skewedClock = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(4));
        using var client = SignedClient(skewedClock);

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsSmsSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task RawRequest_WithoutASignature_IsRefused()
    {
        using var client = new HttpClient();

        var response = await client.PostAsync(new Uri(acs.Endpoint, AcsSmsSender.SendPath), Json(SendBody));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private HttpClient SignedClient(TimeProvider clock, DelegatingHandler? afterSigning = null)
    {
        var signing = new AcsHmacSigningHandler(Convert.FromBase64String(acs.AccessKey), clock);
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

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<(int ExitCode, string Output)> RunSdkAsync(string connectionString, string message)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Sms", "send-with-sdk.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, connectionString, SmsServices.From, "+15555550123", message },
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
    private sealed class SwapBodyHandler(string body, bool rehash = false) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Content = Json(body);
            if (rehash)
            {
                request.Headers.Remove(AcsHmacSigningHandler.ContentHashHeader);
                request.Headers.TryAddWithoutValidation(AcsHmacSigningHandler.ContentHashHeader, Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

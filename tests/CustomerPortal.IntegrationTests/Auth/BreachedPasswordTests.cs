using System.Diagnostics;
using System.Net;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Auth;

/// <summary>
/// Passwords known from breaches are refused where a password is chosen (rule P12, issue 25): activation, reset and change, through a
/// fake of the Pwned Passwords range API that sees only five hex digits of the SHA-1. When the API is down or too slow the password is
/// accepted, and the check is logged and counted as unavailable.
/// </summary>
public sealed class BreachedPasswordTests(PortalFixture portal) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private const string Breached = "blue sky over the harbour at dawn";
    private const string Fresh = "quiet lantern drifting past seven hills";

    private readonly LogCapture logs = new();
    private FakePwnedPasswordsServer pwned = null!;
    private PortalTestHost host = null!;

    public async Task InitializeAsync()
    {
        pwned = await FakePwnedPasswordsServer.StartAsync();
        pwned.Add(Breached);
        pwned.Add(Fresh, count: 0); // as a padding line would be: not a breach
        host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["BreachedPasswords:Enabled"] = "true",
                ["BreachedPasswords:Endpoint"] = pwned.Endpoint.ToString(),
                ["BreachedPasswords:TotalTimeout"] = "00:00:01",
                ["BreachedPasswords:AttemptTimeout"] = "00:00:00.400",
            },
            // The real clock: the check's time budget is kept by the resilience pipeline, on the host's TimeProvider.
            services => services.AddLogging(logging => logging.AddProvider(logs)));
    }

    [Fact]
    public async Task Activation_WithABreachedPassword_IsRefusedSayingWhy_AndTheLinkStillWorks_WhileOnlyFiveHexDigitsLeave()
    {
        using var client = new PortalClient(host.CreateClient());
        var token = await client.CreateAccountAsync(Journeys.NewEmail());

        var refused = await client.PostAsync("/api/auth/activate", new { token, password = Breached });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("password_breached", await Journeys.ProblemCodeAsync(refused));
        Assert.Equal(BreachedPasswordError.Message, (await PortalClient.ReadJsonAsync(refused)).GetProperty("errors").GetProperty("password")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/activate", new { token, password = Fresh })).StatusCode);
        var hash = FakePwnedPasswordsServer.Sha1(Breached);
        var asked = Assert.Single(pwned.Requests, r => r.Path.Equals("/range/" + hash[..5], StringComparison.OrdinalIgnoreCase));
        Assert.Equal("true", asked.Padding);
        Assert.All(pwned.Requests, r => Assert.Matches("^/range/[0-9A-F]{5}$", r.Path));
    }

    [Fact]
    public async Task Reset_WithABreachedPassword_IsRefused_AndTheLinkStillWorks()
    {
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/auth/password-reset", new { email });
        await Emails.SentAsync(host);
        var token = await Emails.LatestResetTokenAsync(host, email);

        var refused = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = Breached });

        Assert.Equal("password_breached", await Journeys.ProblemCodeAsync(refused));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = Fresh })).StatusCode);
    }

    [Fact]
    public async Task Change_ToABreachedPassword_IsRefused_OnTheNewPasswordField()
    {
        using var client = new PortalClient(host.CreateClient());
        await Journeys.ActivateWithTotpAsync(client, new FakeTimeProvider(DateTimeOffset.UtcNow), Journeys.NewEmail());

        var refused = await client.PostAsync("/api/me/password", new { currentPassword = Journeys.Password, newPassword = Breached });

        Assert.Equal("password_breached", await Journeys.ProblemCodeAsync(refused));
        Assert.True((await PortalClient.ReadJsonAsync(refused)).GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/me/password", new { currentPassword = Journeys.Password, newPassword = Fresh })).StatusCode);
    }

    [Theory]
    [InlineData("down")]
    [InlineData("too slow")]
    public async Task TheServiceUnreachable_AcceptsThePassword_LogsAWarning_AndCountsItUnavailable(string how)
    {
        using var metrics = new MetricCapture(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        using var client = new PortalClient(host.CreateClient());
        var token = await client.CreateAccountAsync(Journeys.NewEmail());
        pwned.Failure = how == "down" ? HttpStatusCode.ServiceUnavailable : null;
        pwned.Delay = how == "too slow" ? TimeSpan.FromSeconds(5) : null;
        var started = Stopwatch.GetTimestamp();

        var accepted = await client.PostAsync("/api/auth/activate", new { token, password = Breached });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(4), "the check keeps to its time budget");
        Assert.Equal(1, metrics.Sum(PortalMetrics.BreachedPasswordChecks, "where=activation", "result=unavailable"));
        Assert.Contains(logs.Logs, log => log.Level == LogLevel.Warning && log.EventId.Id == 2510);
        Assert.DoesNotContain(Breached, logs.AllText, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await pwned.DisposeAsync();
    }
}

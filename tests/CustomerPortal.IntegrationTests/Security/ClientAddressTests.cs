using System.Diagnostics.Metrics;
using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Security;

/// <summary>
/// Issue 23, finding 8: when the address the worker sees is not a client's (a platform hop such as the Functions front end
/// behind a linked Static Web App, or the loopback host itself), a per-IP limit must not become one bucket that everyone shares
/// and anyone can empty: it is skipped, logged and counted, and the per-phone, per-account and per-email limits still hold (B4).
/// </summary>
public sealed class ClientAddressTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Skipped = "portal.ip_limits.skipped";

    [Theory]
    [InlineData("10.20.30.40")] // a private hop: the platform's, never a customer's on the internet
    [InlineData(null)] // no forwarded entry at all: the connection's own (loopback) address
    public async Task PerIpSmsLimit_WithNoTrustedClientAddress_IsSkippedLoggedAndCounted_WhileThePerPhoneLimitHolds(string? forwardedFor)
    {
        var logs = new LogCapture();
        await using var host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["Sms:MaxSendsPerClientIpPerHour"] = "2", ["Sms:MaxSendsPerPhonePerHour"] = "3" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        using var metrics = new MetricCapture(host.Services.GetRequiredService<IMeterFactory>());
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var client = new PortalClient(host.CreateClient());
            if (forwardedFor is not null)
            {
                client.From(forwardedFor);
            }

            await Journeys.ActivateAsync(client, Journeys.NewEmail());
            await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
            answers.Add((await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0199" })).StatusCode);
        }

        // Four customers behind the same hop: the per-IP limit (2) refuses none of them; the one phone's limit (3) still does.
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(4, metrics.Sum(Skipped, "limit=sms"));
        Assert.Contains(logs.Logs, log => log.Message.Contains("per-IP limit", StringComparison.Ordinal) && log.Message.Contains("sms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PerIpResetLimit_WithNoTrustedClientAddress_IsSkipped_WhileThePerEmailLimitHolds()
    {
        await using var host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString,
            new Dictionary<string, string?> { ["PasswordReset:MaxRequestsPerClientIpPerHour"] = "2" });
        using var metrics = new MetricCapture(host.Services.GetRequiredService<IMeterFactory>());
        using var client = new PortalClient(host.CreateClient()).From("fd00::1:2:3");
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/auth/password-reset", new { email })).StatusCode);
        }

        await Emails.SentAsync(host);
        Assert.Equal(3, (await Emails.ToAsync(host, email)).Count(e => Emails.Subject(e) == "Reset your Customer Portal password"));
        Assert.Equal(0, metrics.Sum("portal.password_resets", "result=ip_limit"));
        Assert.Equal(1, metrics.Sum("portal.password_resets", "result=email_limit"));
        Assert.Equal(4, metrics.Sum(Skipped, "limit=password_reset"));
    }

    [Fact]
    public async Task PerIpSmsLimit_StillCountsAPublicClientAddress()
    {
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, new Dictionary<string, string?> { ["Sms:MaxSendsPerClientIpPerHour"] = "1" });
        var answers = new List<HttpStatusCode>();
        var ip = Addresses.NewClientIp();
        foreach (var phone in new[] { "201 555 0197", "201 555 0198" })
        {
            using var client = new PortalClient(host.CreateClient()).From(ip);
            await Journeys.ActivateAsync(client, Journeys.NewEmail());
            await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
            answers.Add((await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers);
    }
}

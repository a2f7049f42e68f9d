using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Logging;

/// <summary>
/// Runs whole journeys with every log level on, then searches everything logged (after redaction) for
/// the secrets those journeys handled: passwords, codes, keys, tokens, full phone numbers.
/// </summary>
public sealed class NoSecretsInLogsTests
{
    [Fact]
    public async Task Journeys_LogNoPasswordCodeKeyTokenOrFullPhoneNumber()
    {
        var logs = new CapturedLogs();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString, services: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddLogging(logging => logging.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
        });
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();

        var token = await client.CreateAccountAsync(email);
        await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password });
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } });
        var smsSetup = await Journeys.SetUpSmsAsync(client);
        var smsCode = (await PortalClient.ReadJsonAsync(await client.GetAsync("/api/dev/sms-outbox")))[0].GetProperty("body").GetString()!.Split('#')[^1];
        var (secret, done) = await Journeys.SetUpTotpAsync(client, time);
        var recovery = done.GetProperty("recoveryCodes")[0].GetString()!;
        var sessionCookie = client.SessionCookie!;
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email, "a wrong password for the log");
        await Journeys.LoginAsync(client, email);
        await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = recovery });

        var logged = string.Join("\n", logs.Lines);
        Assert.NotEmpty(logs.Lines);
        foreach (var secretValue in new[] { Journeys.Password, "a wrong password for the log", token, token.Split('.')[1], secret, smsCode, recovery, sessionCookie.Split('.')[1], Journeys.UsPhone, "2015550123", "5550123" })
        {
            Assert.DoesNotContain(secretValue, logged, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("totp", smsSetup.GetProperty("next").GetString());

        // The phone number was logged, masked by the redactor: proof the redaction pipeline is in place.
        Assert.Contains("+*********23", logged);
    }
}

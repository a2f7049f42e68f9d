using System.Diagnostics.Metrics;
using System.Net;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPortal.IntegrationTests.Telemetry;

/// <summary>The journeys emit the documented metrics, with the documented dimensions and nothing personal in them.</summary>
public sealed class PortalMetricsTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task SignInJourney_CountsActivation_Setup_SignInsByResult_AndCodesByMethodAndResult()
    {
        using var metrics = Capture(portal.Host);
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");

        await Journeys.LoginAsync(client, email, "not the password at all");
        await Journeys.LoginAsync(client, Journeys.NewEmail());
        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        var verified = await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(1, metrics.Sum(PortalMetrics.SupportActions, "action=account_created"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.Activations, "result=succeeded"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.Setups, "method=totp", "stage=started"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.Setups, "method=totp", "stage=completed"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SecondFactorVerifications, "method=totp", "purpose=setup", "result=succeeded"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SignIns, "result=wrong_password"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SignIns, "result=unknown_email"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SignIns, "result=succeeded"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SecondFactorVerifications, "method=totp", "purpose=sign_in", "result=invalid_code"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SecondFactorVerifications, "method=totp", "purpose=sign_in", "result=succeeded"));
        Assert.Equal(0, metrics.Sum(PortalMetrics.Locks));
    }

    [Fact]
    public async Task StepUp_IsCountedAsAStepUp_NotAsASetupCompleted()
    {
        using var client = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        using var metrics = Capture(portal.Host);
        portal.Time.Advance(TimeSpan.FromSeconds(30));

        var wrong = await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        var stepped = await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stepped.StatusCode);
        Assert.Equal(1, metrics.Sum(PortalMetrics.SecondFactorVerifications, "method=totp", "purpose=step_up", "result=invalid_code"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SecondFactorVerifications, "method=totp", "purpose=step_up", "result=succeeded"));
        Assert.Equal(0, metrics.Sum(PortalMetrics.SecondFactorVerifications, "purpose=setup"));
        Assert.Equal(0, metrics.Sum(PortalMetrics.Setups));
    }

    [Fact]
    public async Task TwentyParallelWrongCodes_StartOneSecondFactorLock_AndRefusalsDuringItAreNoLocks()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        using var metrics = Capture(portal.Host);
        var wrong = Journeys.WrongTotpCode(secret, portal.Time);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostAsync("/api/mfa/verify", new { method = "totp", code = wrong })));
        await client.PostAsync("/api/mfa/verify", new { method = "totp", code = wrong });

        Assert.Equal(1, metrics.Sum(PortalMetrics.Locks, "kind=second_factor"));
        Assert.Equal(4, metrics.Sum(PortalMetrics.SecondFactorVerifications, "result=invalid_code"));
        Assert.Equal(17, metrics.Sum(PortalMetrics.SecondFactorVerifications, "result=mfa_locked"));
    }

    [Fact]
    public async Task TenthWrongPassword_StartsOnePasswordLock()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        using var metrics = Capture(portal.Host);

        for (var i = 0; i < 12; i++)
        {
            await Journeys.LoginAsync(client, email, "not the password at all");
        }

        Assert.Equal(1, metrics.Sum(PortalMetrics.Locks, "kind=password"));
        Assert.Equal(10, metrics.Sum(PortalMetrics.SignIns, "result=wrong_password"));
        Assert.Equal(2, metrics.Sum(PortalMetrics.SignIns, "result=locked"));
    }

    [Fact]
    public async Task SmsSetup_CountsTheTextSent_AndTheShareOfTheDailyBudget()
    {
        // The outbox lists texts newest first by the fake clock: a minute on, so this test's text is the newest to the shared number.
        portal.Time.Advance(TimeSpan.FromMinutes(1));
        using var metrics = Capture(portal.Host);
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });

        await Journeys.SetUpSmsAsync(client);

        Assert.Equal(1, metrics.Sum(PortalMetrics.SmsMessages, "outcome=sent", "purpose=setup"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.SecondFactorVerifications, "method=sms", "purpose=setup", "result=succeeded"));
        var budget = Assert.Single(metrics.Of(PortalMetrics.SmsBudgetUsed));
        Assert.InRange(budget.Value * 1000, 1, 10); // texts so far today of the default budget of 1000; other tests of this class share the day
    }

    [Fact]
    public async Task TextTheProviderRefuses_IsCountedAsFailed_WithItsReason()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var host = await PortalTestHost.StartAsync(azurite.ConnectionString, services: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<ISmsSender>(new RefusingSender());
        });
        using var metrics = Capture(host);
        using var client = new PortalClient(host.CreateClient());
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });

        var sent = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = Journeys.UsPhoneNational });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
        Assert.Equal(1, metrics.Sum(PortalMetrics.SmsMessages, "outcome=failed", "purpose=setup", "reason=provider_rejected"));
        Assert.Equal(0, metrics.Sum(PortalMetrics.SmsMessages, "outcome=sent"));
    }

    [Fact]
    public async Task NoMetric_CarriesAnEmail_PhoneNumber_ClientIp_OrAccountId()
    {
        portal.Time.Advance(TimeSpan.FromMinutes(1));
        using var metrics = Capture(portal.Host);
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms", "totp" } });
        await Journeys.SetUpSmsAsync(client);
        await Journeys.SetUpTotpAsync(client, portal.Time);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email, "wrong password for this one");
        await Journeys.LoginAsync(client, email);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        await client.PostAsync("/api/mfa/sms/send");
        var accountIds = AccountIds(client.SessionCookie);

        var values = metrics.All.SelectMany(m => m.Tags.Values).Where(v => v is not null).Select(v => v!).Distinct().ToList();

        Assert.NotEmpty(metrics.All);
        Assert.All(values, value =>
        {
            Assert.Matches("^[a-z_]+$", value);
            Assert.DoesNotContain("@", value, StringComparison.Ordinal);
            Assert.DoesNotContain(value, accountIds);
        });
        Assert.Contains(metrics.All, m => m.Has("outcome=sent") && m.Has("purpose=sign_in"));
    }

    [Fact]
    public async Task PasswordReset_CountsRequestsAndConfirmationsByResult_AndEmailsByKind()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await Emails.SentAsync(portal.Host);
        using var metrics = Capture(portal.Host);

        await client.PostAsync("/api/auth/password-reset", new { email });
        await client.PostAsync("/api/auth/password-reset", new { email = Journeys.NewEmail() });
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);
        await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = "violet kettle marching north" });
        await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = "amber lantern drifting south" });
        await Emails.SentAsync(portal.Host);

        Assert.Equal(1, metrics.Sum(PortalMetrics.PasswordResets, "stage=requested", "result=sent"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.PasswordResets, "stage=requested", "result=unknown_email"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.PasswordResets, "stage=confirmed", "result=succeeded"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.PasswordResets, "stage=confirmed", "result=reset_link_invalid"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.Emails, "kind=password_reset", "outcome=sent"));
        Assert.Equal(1, metrics.Sum(PortalMetrics.Emails, "kind=security_password_changed", "outcome=sent"));
    }

    private static MetricCapture Capture(PortalTestHost host) => new(host.Services.GetRequiredService<IMeterFactory>());

    // The session cookie is "<account id>.<secret>": the account id is what must not show up.
    private static string[] AccountIds(string? cookie) => cookie is null ? [] : [cookie.Split('.')[0]];

    private sealed class RefusingSender : ISmsSender
    {
        public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
            => Task.FromResult(SmsSendResult.Failure(SmsFailureReasons.ProviderRejected));
    }
}

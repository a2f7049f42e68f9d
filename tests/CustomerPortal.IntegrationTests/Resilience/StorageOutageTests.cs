using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Resilience;

/// <summary>
/// Table Storage goes away in the middle of journeys (Azurite stopped, or frozen so requests time out): every endpoint
/// answers 503 <c>storage_unavailable</c> with <c>Retry-After</c>, and once storage is back each journey finishes, or
/// starts again, with every rule intact: wrong codes still count, no undelivered code is live, no session outlives a
/// logout that answered 204, and a step that answered 503 changed nothing the customer relies on.
/// </summary>
public sealed class StorageOutageTests(StorageOutageFixture portal, ITestOutputHelper output) : IClassFixture<StorageOutageFixture>, IAsyncLifetime
{
    /// <summary>The slowest outage answer allowed: 1 s network timeout with 1 retry is about 2 s; the rest is a busy machine's slack.</summary>
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(4);

    // Each test starts with storage up, whatever the one before it left.
    public Task InitializeAsync() => portal.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AfterLogin_EveryEndpointAnswers503_ThenSignInFinishes_AndWrongCodesFromBeforeStillCount()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout")).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, email)).StatusCode);
        await AssertInvalidCodeAsync(await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) }), attemptsRemaining: 4);
        using var admin = portal.NewClient();
        var newEmail = Journeys.NewEmail();
        var activationToken = await admin.CreateAccountAsync(newEmail);
        var pendingCookie = client.SessionCookie;

        var stopping = Stopwatch.StartNew();
        await portal.OutageAsync();
        output.WriteLine($"Azurite stopped in {stopping.ElapsedMilliseconds} ms");
        var code = Journeys.TotpCode(secret, portal.Time);
        var calls = new (string Method, string Path, object? Body)[]
        {
            ("GET", "/api/health", null),
            ("POST", "/api/admin/accounts", new { email = Journeys.NewEmail(), claimNumber = "CLM-1002", displayName = "Sam Customer" }),
            ("POST", "/api/auth/activate", new { token = activationToken, password = Journeys.Password }),
            ("POST", "/api/auth/login", new { email, password = Journeys.Password }),
            ("GET", "/api/mfa", null),
            ("POST", "/api/mfa/setup", new { methods = new[] { "totp" } }),
            ("POST", "/api/mfa/sms/setup", new { country = "US", phoneNumber = Journeys.UsPhoneNational }),
            ("POST", "/api/mfa/sms/setup/confirm", new { code = "123456" }),
            ("POST", "/api/mfa/totp/setup", null),
            ("POST", "/api/mfa/totp/setup/confirm", new { code }),
            ("POST", "/api/mfa/sms/send", null),
            ("POST", "/api/mfa/verify", new { method = "totp", code }),
            ("GET", "/api/me", null),
            ("POST", "/api/mfa/recovery-codes", null),
            ("POST", "/api/auth/logout", null),
            ("GET", "/api/dev/sms-outbox", null),
        };
        foreach (var (method, path, body) in calls)
        {
            var started = Stopwatch.StartNew();
            var response = method == "GET" ? await client.GetAsync(path) : await client.PostAsync(path, body);
            output.WriteLine($"{method} {path}: {(int)response.StatusCode} in {started.ElapsedMilliseconds} ms");
            await AssertStorageUnavailableAsync(response, started.Elapsed);
        }

        // Needs no storage, so it still answers.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/mfa/countries")).StatusCode);
        Assert.Equal(pendingCookie, client.SessionCookie);

        var starting = Stopwatch.StartNew();
        await portal.RestoreAsync();
        output.WriteLine($"Azurite started again in {starting.ElapsedMilliseconds} ms");
        await AssertInvalidCodeAsync(await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) }), attemptsRemaining: 3);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/verify", new { method = "totp", code })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        // The activation that answered 503 did not use the token up.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/auth/activate", new { token = activationToken, password = Journeys.Password })).StatusCode);
    }

    [Fact]
    public async Task BetweenSmsSetupAndConfirm_ConfirmAnswers503_ThenTheSameCodeFinishesSetup_AndWrongCodesFromBeforeStillCount()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } })).StatusCode);
        var phone = NewPhone();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone.National })).StatusCode);
        var code = await client.LatestSmsCodeAsync(phone.E164);
        await AssertInvalidCodeAsync(await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = OtherCode(code) }), attemptsRemaining: 4);

        await portal.OutageAsync();
        var started = Stopwatch.StartNew();
        await AssertStorageUnavailableAsync(await client.PostAsync("/api/mfa/sms/setup/confirm", new { code }), started.Elapsed);

        await portal.RestoreAsync();
        await AssertInvalidCodeAsync(await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = OtherCode(code) }), attemptsRemaining: 3);
        var done = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("done", (await PortalClient.ReadJsonAsync(done)).GetProperty("next").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task BetweenSignInTextAndVerify_VerifyAnswers503_ThenTheSameCodeSignsIn()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var phone = await SignInPendingWithSmsAsync(client, email);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/send")).StatusCode);
        var code = await client.LatestSmsCodeAsync(phone.E164);

        await portal.OutageAsync();
        var started = Stopwatch.StartNew();
        await AssertStorageUnavailableAsync(await client.PostAsync("/api/mfa/verify", new { method = "sms", code }), started.Elapsed);

        await portal.RestoreAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/verify", new { method = "sms", code })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OutageWhileTheCodeIsSent_Answers503_AndLeavesNoLiveCode_ThenANewCodeWorks(bool afterTheTextWasWritten)
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } })).StatusCode);
        var phone = NewPhone();
        var isText = StorageTap.IsInsertInto("SmsOutbox");
        if (afterTheTextWasWritten)
        {
            // The text is out, but the write that makes its code live fails.
            portal.Tap.After(isText, portal.OutageAsync);
        }
        else
        {
            // The text never goes out, and the write that withdraws its code fails too.
            portal.Tap.Before(isText, portal.OutageAsync);
        }

        var started = Stopwatch.StartNew();
        await AssertStorageUnavailableAsync(await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone.National }), started.Elapsed);
        Assert.True(portal.Tap.Fired);
        var code = portal.Sms.LastCode!;

        await portal.RestoreAsync();
        var outbox = await PortalClient.ReadJsonAsync(await client.GetAsync("/api/dev/sms-outbox"));
        Assert.Equal(afterTheTextWasWritten, outbox.EnumerateArray().Any(text => text.GetProperty("to").GetString() == phone.E164));
        var confirm = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code });
        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Equal("code_expired", await Journeys.ProblemCodeAsync(confirm));

        // The stored, never-live code still holds the resend wait; after it, a new code is sent and works.
        var tooSoon = await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone.National });
        Assert.Equal("resend_too_soon", await Journeys.ProblemCodeAsync(tooSoon));
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone.National })).StatusCode);
        var newCode = await client.LatestSmsCodeAsync(phone.E164);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = newCode })).StatusCode);
    }

    [Fact]
    public async Task DuringTotpConfirm_OutageBeforeItsWriteAnswers503_ThenTheSameCodeFinishesSetup_AndWrongCodesFromBeforeStillCount()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateAsync(client, Journeys.NewEmail());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } })).StatusCode);
        var setup = await PortalClient.ReadJsonAsync(await client.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        await AssertInvalidCodeAsync(await client.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.WrongTotpCode(secret, portal.Time) }), attemptsRemaining: 4);
        var code = Journeys.TotpCode(secret, portal.Time);

        // Session and account are read; the transaction that would enrol the key and replace the session fails.
        portal.Tap.Before(StorageTap.IsTransaction, portal.OutageAsync);
        var started = Stopwatch.StartNew();
        await AssertStorageUnavailableAsync(await client.PostAsync("/api/mfa/totp/setup/confirm", new { code }), started.Elapsed);
        Assert.True(portal.Tap.Fired);

        await portal.RestoreAsync();
        await AssertInvalidCodeAsync(await client.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.WrongTotpCode(secret, portal.Time) }), attemptsRemaining: 3);
        var done = await client.PostAsync("/api/mfa/totp/setup/confirm", new { code });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(10, (await PortalClient.ReadJsonAsync(done)).GetProperty("recoveryCodes").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task DuringVerify_OutageBeforeItsWriteAnswers503_ThenTheSameCodeSignsIn()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, email)).StatusCode);
        var code = Journeys.TotpCode(secret, portal.Time);

        portal.Tap.Before(StorageTap.IsTransaction, portal.OutageAsync);
        var started = Stopwatch.StartNew();
        await AssertStorageUnavailableAsync(await client.PostAsync("/api/mfa/verify", new { method = "totp", code }), started.Elapsed);
        Assert.True(portal.Tap.Fired);

        await portal.RestoreAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/verify", new { method = "totp", code })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    // Issue 21: the verify's audit row now goes in its transaction, so an outage after the write loses nothing (before, the row
    // was a write of its own after the transaction, and this test expected it lost and logged; a row written alone still can be,
    // see DuringLogin_OutageAfterItsWrite_... below).
    [Fact]
    public async Task DuringVerify_OutageAfterItsWrite_TheAnswerStillSignsIn_AndItsAuditRowWasWrittenWithIt()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, email)).StatusCode);
        var code = Journeys.TotpCode(secret, portal.Time);

        // The transaction is stored, with the audit row; storage goes away after it.
        portal.Tap.After(StorageTap.IsTransaction, portal.OutageAsync);
        var verify = await client.PostAsync("/api/mfa/verify", new { method = "totp", code });
        Assert.True(portal.Tap.Fired);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var accountId = SessionRows.AccountOf(client);
        Assert.DoesNotContain(portal.Logs.Lines, line => line.Contains(accountId, StringComparison.Ordinal) && line.Contains("not written", StringComparison.Ordinal));

        await portal.RestoreAsync();
        var (events, _) = await portal.Host.Services.GetRequiredService<AuditLog>().ReadAsync(accountId, 10, null, default);
        Assert.Contains(events, row => row.Event == AuditEvents.MfaVerified);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        // The code was used by the stored step: it does not work twice.
        await client.PostAsync("/api/auth/logout");
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, email)).StatusCode);
        Assert.Equal("invalid_code", await Journeys.ProblemCodeAsync(await client.PostAsync("/api/mfa/verify", new { method = "totp", code })));
    }

    [Fact]
    public async Task DuringLogin_OutageAfterItsWrite_TheAnswerStillStartsTheSession_AndTheLostAuditRowIsLoggedAndCounted()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        using var metrics = new MetricCapture(portal.Host.Services.GetRequiredService<IMeterFactory>());

        // The sign-in's transaction is stored; only what is written after it fails: the audit row (alone: every sign-in outcome costs
        // the same) and the sign-in throttle's give-back. (The throttle's count before the hash is a transaction too, on its own table.)
        portal.Tap.After(StorageTap.IsTransactionOn("Accounts"), portal.OutageAsync);
        var login = await Journeys.LoginAsync(client, email);

        Assert.True(portal.Tap.Fired);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(portal.Logs.Lines, line => line.Contains("Audit event sign-in-succeeded", StringComparison.Ordinal) && line.Contains("not written", StringComparison.Ordinal));
        Assert.Equal(1, metrics.Sum(PortalMetrics.AuditLostMetric, "event=sign_in_succeeded"));
        Assert.Contains(portal.Logs.Lines, line => line.Contains("Sign-in throttle: the give-back after a sign-in was not written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccountCreation_OutageBetweenItsTwoRows_Answers503_AndTheRetryCreatesTheAccount()
    {
        using var admin = portal.NewClient();
        var email = Journeys.NewEmail();

        // Whichever of the two rows goes first is stored; the other is not.
        var isAccount = StorageTap.IsInsertInto("Accounts");
        var isEmail = StorageTap.IsInsertInto("AccountEmails");
        portal.Tap.After(request => isAccount(request) || isEmail(request), portal.OutageAsync);
        var started = Stopwatch.StartNew();
        await AssertStorageUnavailableAsync(
            await admin.PostAsync("/api/admin/accounts", new { email, claimNumber = "CLM-1003", displayName = "Kim Customer" }), started.Elapsed);
        Assert.True(portal.Tap.Fired);

        await portal.RestoreAsync();
        var token = await admin.CreateAccountAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/auth/activate", new { token, password = Journeys.Password })).StatusCode);
    }

    [Fact]
    public async Task AuditRowWhoseAnswerWasLost_IsSentAgain_AndItsConflictCountsAsWritten()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        portal.Tap.LoseAnswer(StorageTap.IsAuditInsert);
        var login = await Journeys.LoginAsync(client, email);

        Assert.True(portal.Tap.Fired);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [InlineData("Accounts")]
    [InlineData("AccountEmails")]
    public async Task AccountCreation_RowWhoseAnswerWasLost_IsSentAgain_AndTheAccountIsCreated(string table)
    {
        using var admin = portal.NewClient();
        var email = Journeys.NewEmail();

        portal.Tap.LoseAnswer(StorageTap.IsInsertInto(table));
        var token = await admin.CreateAccountAsync(email);

        Assert.True(portal.Tap.Fired);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/auth/activate", new { token, password = Journeys.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(admin, email)).StatusCode);
    }

    [Fact]
    public async Task LogoutDuringOutage_Answers503AndKeepsTheCookie_TheSessionStillWorks_UntilTheRetriedLogoutEndsIt()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        var cookie = client.SessionCookie;

        await portal.OutageAsync();
        var started = Stopwatch.StartNew();
        var logout = await client.PostAsync("/api/auth/logout");
        await AssertStorageUnavailableAsync(logout, started.Elapsed);
        Assert.False(logout.Headers.Contains("Set-Cookie"));
        Assert.Equal(cookie, client.SessionCookie);

        await portal.RestoreAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout")).StatusCode);
        client.SessionCookie = cookie;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task LogoutWithOutageRightAfterTheSessionWasDeleted_Answers204_AndTheSessionIsGone()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());
        var cookie = client.SessionCookie;

        portal.Tap.After(StorageTap.IsSessionDelete, portal.OutageAsync);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout")).StatusCode);
        Assert.True(portal.Tap.Fired);

        await portal.RestoreAsync();
        client.SessionCookie = cookie;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task StorageThatStopsAnswering_TimesOutInto503WithinAboutTwoSeconds_ThenWorksAgain()
    {
        using var client = portal.NewClient();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, Journeys.NewEmail());

        portal.Azurite.Pause();
        var started = Stopwatch.StartNew();
        var me = await client.GetAsync("/api/me");
        output.WriteLine($"GET /api/me with storage frozen: {(int)me.StatusCode} in {started.ElapsedMilliseconds} ms");
        await AssertStorageUnavailableAsync(me, started.Elapsed);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(1), AnswerWithin);

        portal.Azurite.Resume();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    private static async Task AssertStorageUnavailableAsync(HttpResponseMessage response, TimeSpan took)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StorageOutage.RetryAfter, response.Headers.RetryAfter?.Delta);
        var body = await PortalClient.ReadJsonAsync(response);
        Assert.Equal("storage_unavailable", body.GetProperty("code").GetString());
        Assert.Equal(5, body.GetProperty("retryAfterSeconds").GetInt32());
        Assert.True(took < AnswerWithin, $"The outage answer took {took.TotalMilliseconds:F0} ms.");
    }

    private static async Task AssertInvalidCodeAsync(HttpResponseMessage response, int attemptsRemaining)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await PortalClient.ReadJsonAsync(response);
        Assert.Equal("invalid_code", body.GetProperty("code").GetString());
        Assert.Equal(attemptsRemaining, body.GetProperty("attemptsRemaining").GetInt32());
    }

    private async Task<(string National, string E164)> SignInPendingWithSmsAsync(PortalClient client, string email)
    {
        await Journeys.ActivateAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } })).StatusCode);
        var phone = NewPhone();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone.National })).StatusCode);
        var code = await client.LatestSmsCodeAsync(phone.E164);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/mfa/sms/setup/confirm", new { code })).StatusCode);
        await client.PostAsync("/api/auth/logout");
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(client, email)).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        return phone;
    }

    // Each test texts its own number: the per-phone hourly limit and the outbox are shared by the class.
    private static (string National, string E164) NewPhone()
    {
        var line = Random.Shared.Next(100, 200).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        return ($"201 555 {line}", $"+1201555{line}");
    }

    private static string OtherCode(string code) => code == "000000" ? "111111" : "000000";
}

using System.Net;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Support;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Auth;

/// <summary>
/// Forgotten passwords (issue 11): <c>POST /api/auth/password-reset</c> answers 202 alike for every email and emails an activated
/// account a single-use link valid 30 minutes; <c>/confirm</c> sets the password, ends every session, and still asks for the second factor.
/// </summary>
public sealed class PasswordResetTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string NewPassword = "violet kettle marching north";

    [Fact]
    public async Task Reset_ActivatedAccount_EmailsALinkOnThePortalsOrigin()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        var response = await RequestResetAsync(client, email);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1800, (await PortalClient.ReadJsonAsync(response)).GetProperty("expiresInSeconds").GetInt32());
        var sent = Assert.Single(await Emails.ToAsync(portal.Host, email));
        Assert.Equal("Reset your Customer Portal password", Emails.Subject(sent));
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);
        Assert.Contains("http://localhost:7071/reset-password.html#token=" + token, Emails.Text(sent));
        Assert.Contains("href=\"http://localhost:7071/reset-password.html#token=" + token + "\"", Emails.Html(sent));
        Assert.Contains("within 30 minutes", Emails.Text(sent));
        Assert.Contains("If you didn't ask for this, you can ignore this email: your password stays the same.", Emails.Text(sent));
        Assert.DoesNotContain("If this wasn't you", Emails.Text(sent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_UnknownNotActivatedLockedAndActivated_AnswerTheSame_AndOnlyActivatedAccountsGetALink()
    {
        using var client = NewClient();
        var activated = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, activated);
        var notActivated = Journeys.NewEmail();
        await client.CreateAccountAsync(notActivated);
        var locked = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, locked);
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(client, locked, "wrong until it locks");
        }

        var unknown = Journeys.NewEmail();

        var answers = new Dictionary<string, HttpResponseMessage>();
        foreach (var email in new[] { unknown, notActivated, locked, activated })
        {
            answers[email] = await RequestResetAsync(NewClient(), email);
        }

        var bodies = new List<string>();
        foreach (var answer in answers.Values)
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            Assert.False(answer.Headers.Contains("Set-Cookie"));
            bodies.Add(await answer.Content.ReadAsStringAsync());
        }

        Assert.Single(bodies.Distinct());
        Assert.Empty(await Emails.ToAsync(portal.Host, unknown));
        Assert.Empty(await Emails.ToAsync(portal.Host, notActivated));
        Assert.Single(await Emails.ToAsync(portal.Host, locked), e => Emails.Subject(e).StartsWith("Reset", StringComparison.Ordinal));
        Assert.Single(await Emails.ToAsync(portal.Host, activated));
    }

    [Fact]
    public async Task Confirm_AccountWithSecondFactor_IsPendingAtMfaVerify_AndTheNewPasswordSignsIn()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await RequestResetAsync(client, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        var confirmed = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var body = await PortalClient.ReadJsonAsync(confirmed);
        Assert.Equal("mfa-verify", body.GetProperty("stage").GetString());
        Assert.Equal(["totp"], body.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.NotNull(client.SessionCookie);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal("mfa-verify", (await PortalClient.ReadJsonAsync(await client.GetAsync("/api/mfa"))).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(NewClient(), email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(NewClient(), email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Confirm_AccountWithoutSecondFactor_IsPendingAtMfaSetup()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await RequestResetAsync(client, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        var confirmed = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("mfa-setup", (await PortalClient.ReadJsonAsync(confirmed)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Check_LiveLink_Answers204_AndUsesNothingUp()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await RequestResetAsync(client, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        var first = await NewClient().PostAsync("/api/auth/password-reset/check", new { token });
        var second = await NewClient().PostAsync("/api/auth/password-reset/check", new { token });
        var confirmed = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    [Fact]
    public async Task Check_UsedReplacedExpiredOrMalformedLink_IsResetLinkInvalid()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await RequestResetAsync(client, email);
        var replaced = await Emails.LatestResetTokenAsync(portal.Host, email);
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        await RequestResetAsync(client, email);
        var used = await Emails.LatestResetTokenAsync(portal.Host, email);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/auth/password-reset/confirm", new { token = used, password = NewPassword })).StatusCode);
        var other = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, other);
        await RequestResetAsync(client, other);
        var expired = await Emails.LatestResetTokenAsync(portal.Host, other);
        portal.Time.Advance(TimeSpan.FromMinutes(31));

        foreach (var token in new[] { replaced, used, expired, "not-a-token", used[..^1] + (used[^1] == 'A' ? 'B' : 'A') })
        {
            var checkedLink = await NewClient().PostAsync("/api/auth/password-reset/check", new { token });
            Assert.Equal(HttpStatusCode.BadRequest, checkedLink.StatusCode);
            Assert.Equal("reset_link_invalid", await Journeys.ProblemCodeAsync(checkedLink));
        }
    }

    [Fact]
    public async Task Confirm_LinkWorksOnce()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await RequestResetAsync(client, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        var first = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });
        var second = await NewClient().PostAsync("/api/auth/password-reset/confirm", new { token, password = "another long passphrase here" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("reset_link_invalid", await Journeys.ProblemCodeAsync(second));
    }

    [Fact]
    public async Task Confirm_WorksFor30Minutes_ThenTheLinkIsInvalid()
    {
        using var client = NewClient();
        var early = Journeys.NewEmail();
        var late = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, early);
        await Journeys.ActivateAsync(client, late);
        await RequestResetAsync(client, early);
        await RequestResetAsync(client, late);
        var earlyToken = await Emails.LatestResetTokenAsync(portal.Host, early);
        var lateToken = await Emails.LatestResetTokenAsync(portal.Host, late);

        portal.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        var inTime = await NewClient().PostAsync("/api/auth/password-reset/confirm", new { token = earlyToken, password = NewPassword });
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        var tooLate = await NewClient().PostAsync("/api/auth/password-reset/confirm", new { token = lateToken, password = NewPassword });

        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
        Assert.Equal("reset_link_invalid", await Journeys.ProblemCodeAsync(tooLate));
    }

    [Fact]
    public async Task NewLink_KillsTheOlderOne()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await RequestResetAsync(client, email);
        var older = await Emails.LatestResetTokenAsync(portal.Host, email);
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        await RequestResetAsync(client, email);
        var newer = await Emails.LatestResetTokenAsync(portal.Host, email);

        var withOlder = await NewClient().PostAsync("/api/auth/password-reset/confirm", new { token = older, password = NewPassword });
        var withNewer = await NewClient().PostAsync("/api/auth/password-reset/confirm", new { token = newer, password = NewPassword });

        Assert.NotEqual(older, newer);
        Assert.Equal("reset_link_invalid", await Journeys.ProblemCodeAsync(withOlder));
        Assert.Equal(HttpStatusCode.OK, withNewer.StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Confirm_MalformedOrUnknownToken_IsInvalid(string token)
    {
        var response = await NewClient().PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("reset_link_invalid", await Journeys.ProblemCodeAsync(response));
    }

    [Theory]
    [InlineData("short pass")]
    [InlineData("password1234")]
    public async Task Confirm_WeakPassword_IsRejected_AndTheLinkStillWorks(string weak)
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await RequestResetAsync(client, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        var rejected = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = weak });
        var accepted = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal("password_rejected", await Journeys.ProblemCodeAsync(rejected));
        Assert.True((await PortalClient.ReadJsonAsync(rejected)).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Confirm_EndsEverySessionOfTheAccount()
    {
        var email = Journeys.NewEmail();
        using var signedIn = NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(signedIn, portal.Time, email);
        using var pending = NewClient();
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(pending, email)).StatusCode);
        using var other = NewClient();
        var otherEmail = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(other, portal.Time, otherEmail);
        using var resetter = NewClient();
        await RequestResetAsync(resetter, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        var confirmed = await resetter.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedIn.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pending.GetAsync("/api/mfa")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resetter.GetAsync("/api/mfa")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/me")).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        var verified = await resetter.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task Confirm_ClearsThePasswordLock()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(client, email, "wrong until it locks");
        }

        await RequestResetAsync(client, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        var confirmed = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });
        var login = await Journeys.LoginAsync(NewClient(), email, NewPassword);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Confirm_EmailsThatThePasswordWasChanged()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await RequestResetAsync(client, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        var changed = Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == "Your Customer Portal password was changed");
        // The support contact the host is configured with (finding 8 of issue 27: no "our support team" without a way to reach it).
        Assert.Contains("If this wasn't you, call us at +1 800 555 0199 or email support@claims-portal.example (Monday to Friday, 8 am to 8 pm Eastern time), with your claim number (CLM-1001).", Emails.Text(changed));
        Assert.Contains("If this wasn&#39;t you", Emails.Html(changed));
    }

    [Fact]
    public async Task Reset_AtMostThreeEmailsPerAccountPerHour_StillAnswering202()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        portal.Time.Advance(TimeSpan.FromMinutes(60 - portal.Time.GetUtcNow().Minute)); // the start of a clock hour

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await RequestResetAsync(NewClient(), email));
        }

        var withinTheHour = (await Emails.ToAsync(portal.Host, email)).Count;
        portal.Time.Advance(TimeSpan.FromHours(1));
        var nextHour = await RequestResetAsync(NewClient(), email);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode));
        Assert.Equal(3, withinTheHour);
        Assert.Equal(HttpStatusCode.Accepted, nextHour.StatusCode);
        Assert.Equal(4, (await Emails.ToAsync(portal.Host, email)).Count);
    }

    [Fact]
    public async Task Reset_TenRequestsPerClientIpPerHour_ThenNoEmail_StillAnswering202()
    {
        using var setup = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(setup, email);
        portal.Time.Advance(TimeSpan.FromMinutes(60 - portal.Time.GetUtcNow().Minute));
        using var client = NewClient();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestResetAsync(client, Journeys.NewEmail())).StatusCode);
        }

        var eleventh = await RequestResetAsync(client, email);
        var fromElsewhere = await RequestResetAsync(NewClient(), email);

        Assert.Equal(HttpStatusCode.Accepted, eleventh.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromElsewhere.StatusCode);
        Assert.Single(await Emails.ToAsync(portal.Host, email));
    }

    [Fact]
    public async Task ResetAndConfirm_AreAudited()
    {
        using var client = NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);
        await RequestResetAsync(client, email);
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);
        await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = NewPassword });

        var rows = await AuditRowsAsync(email);

        Assert.Contains(rows, row => row.Event == AuditEvents.PasswordResetRequested && row.Detail == "sent");
        Assert.Contains(rows, row => row.Event == AuditEvents.PasswordReset);
    }

    private PortalClient NewClient() => portal.NewClient().From(Addresses.NewClientIp());

    private static Task<HttpResponseMessage> RequestResetAsync(PortalClient client, string email)
        => client.PostAsync("/api/auth/password-reset", new { email });

    private async Task<List<AuditEntity>> AuditRowsAsync(string email)
    {
        var accountId = await portal.Host.Services.GetRequiredService<AccountStore>().FindIdByEmailAsync(email, default);
        var (events, _) = await portal.Host.Services.GetRequiredService<AuditLog>().ReadAsync(accountId!, SupportService.MaxEventLimit, null, default);
        return [.. events];
    }
}

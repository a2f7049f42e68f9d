using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Auth;

/// <summary>
/// <c>POST /api/me/password</c> (issue 11): a signed-in customer's new password. The current password is checked as at sign-in and
/// counts toward the password lock; the new one meets the policy; the account's other sessions end, this one stays.
/// </summary>
public sealed class PasswordChangeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string NewPassword = "violet kettle marching north";

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_Answers204_AndOnlyTheNewPasswordSignsIn()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        var response = await ChangeAsync(client, Journeys.Password, NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(portal.NewClient(), email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(portal.NewClient(), email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Is400_AndCountsTowardThePasswordLock()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        for (var i = 0; i < 9; i++)
        {
            await Journeys.LoginAsync(portal.NewClient(), email, "a wrong password at sign-in");
        }

        var wrong = await ChangeAsync(client, "a wrong current password", NewPassword);
        var login = await Journeys.LoginAsync(portal.NewClient(), email);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("current_password_wrong", await Journeys.ProblemCodeAsync(wrong));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WhileLocked_IsRefusedEvenWithTheRightPassword_UntilTheWaitEnds()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        for (var i = 0; i < 10; i++)
        {
            await ChangeAsync(client, "a wrong current password", NewPassword);
        }

        var whileLocked = await ChangeAsync(client, Journeys.Password, NewPassword);
        portal.Time.Advance(TimeSpan.FromMinutes(1));
        var afterTheWait = await ChangeAsync(client, Journeys.Password, NewPassword);

        Assert.Equal(HttpStatusCode.BadRequest, whileLocked.StatusCode);
        Assert.Equal("current_password_wrong", await Journeys.ProblemCodeAsync(whileLocked));
        Assert.Equal(HttpStatusCode.NoContent, afterTheWait.StatusCode);
    }

    [Theory]
    [InlineData("short pass")]
    [InlineData("password1234")]
    public async Task ChangePassword_WeakNewPassword_IsRejected_AndTheOldOneStillWorks(string weak)
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        var rejected = await ChangeAsync(client, Journeys.Password, weak);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal("password_rejected", await Journeys.ProblemCodeAsync(rejected));
        Assert.True((await PortalClient.ReadJsonAsync(rejected)).GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(portal.NewClient(), email)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_EndsTheOtherSessions_ButNotThisOne()
    {
        var email = Journeys.NewEmail();
        using var client = portal.NewClient();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        using var otherDevice = portal.NewClient();
        await Journeys.LoginAsync(otherDevice, email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);
        using var pending = portal.NewClient();
        await Journeys.LoginAsync(pending, email);

        var response = await ChangeAsync(client, Journeys.Password, NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pending.GetAsync("/api/mfa")).StatusCode);
    }

    // Issue 23, finding 3: a stolen laptop with a remembered device and a saved password signed in without a code and changed the
    // password; a session that proved no second factor must now prove one first.
    [Fact]
    public async Task ChangePassword_InASessionThatProvedNoSecondFactor_NeedsAStepUp()
    {
        using var laptop = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(laptop, email);
        await laptop.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        var setup = await PortalClient.ReadJsonAsync(await laptop.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        await laptop.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        await laptop.PostAsync("/api/auth/logout");
        var thief = await Journeys.LoginAsync(laptop, email);
        Assert.Equal("signed-in", (await PortalClient.ReadJsonAsync(thief)).GetProperty("stage").GetString());

        var refused = await ChangeAsync(laptop, Journeys.Password, NewPassword);
        var oldPasswordStill = await Journeys.LoginAsync(portal.NewClient(), email);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        var stepUp = await laptop.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        var changed = await ChangeAsync(laptop, Journeys.Password, NewPassword);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("step_up_required", await Journeys.ProblemCodeAsync(refused));
        Assert.Equal(HttpStatusCode.OK, oldPasswordStill.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_NeedsAFullSession()
    {
        using var pending = portal.NewClient();
        await Journeys.ActivateAsync(pending, Journeys.NewEmail());

        var fromPending = await ChangeAsync(pending, Journeys.Password, NewPassword);
        var withoutSession = await ChangeAsync(portal.NewClient(), Journeys.Password, NewPassword);

        Assert.Equal(HttpStatusCode.Forbidden, fromPending.StatusCode);
        Assert.Equal("wrong_stage", await Journeys.ProblemCodeAsync(fromPending));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutSession.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_EmailsTheCustomer()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        await ChangeAsync(client, Journeys.Password, NewPassword);

        var sent = Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == "Your Customer Portal password was changed");
        Assert.Contains("was changed on 28 November 2026 at", Emails.Text(sent));
    }

    [Fact]
    public async Task ChangePassword_KillsAResetLinkStillInTheMailbox()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/password-reset", new { email });
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);

        await ChangeAsync(client, Journeys.Password, NewPassword);
        var confirm = await portal.NewClient().PostAsync("/api/auth/password-reset/confirm", new { token, password = "another long passphrase here" });

        Assert.Equal("reset_link_invalid", await Journeys.ProblemCodeAsync(confirm));
    }

    private static Task<HttpResponseMessage> ChangeAsync(PortalClient client, string currentPassword, string newPassword)
        => client.PostAsync("/api/me/password", new { currentPassword, newPassword });
}

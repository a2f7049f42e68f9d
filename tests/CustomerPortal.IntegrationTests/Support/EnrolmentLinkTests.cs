using System.Net;
using System.Text.RegularExpressions;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Support;

/// <summary>
/// Issue 23, finding 6: after support's reset of the second factor, whoever knew the password set up the new one. Now reset-mfa
/// emails a single-use enrolment link (72 hours), and the first setup after it needs the link used in that browser (rule SD15).
/// </summary>
public sealed partial class EnrolmentLinkTests(SupportFixture portal) : IClassFixture<SupportFixture>
{
    private const string Reason = "Lost phone and recovery codes; confirmed claim number and date of loss; called back.";
    private const string ResetSubject = "Your sign-in codes were reset by our support team";

    [Fact]
    public async Task ResetMfa_EmailsASingleUseEnrolmentLink_WithoutWhichThePasswordAloneSetsUpNothing()
    {
        var (email, id) = await AccountWithTotpAsync();
        using var agent = portal.Support();
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = Reason })).StatusCode);
        var token = await EnrolmentTokenAsync(email);

        // Someone who knows the password: signed in, and stopped before any setup.
        using var thief = portal.Customer();
        var login = await Journeys.LoginAsync(thief, email);
        var refused = await thief.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });

        // The customer opens the link in their own browser and gives the password.
        using var customer = portal.Customer();
        var wrongPassword = await customer.PostAsync("/api/auth/enrolment", new { token, password = "not the password at all" });
        var enrolled = await customer.PostAsync("/api/auth/enrolment", new { token, password = Journeys.Password });
        var plan = await customer.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        var (_, confirm) = await Journeys.SetUpTotpAsync(customer, portal.Time);
        var again = await portal.Customer().PostAsync("/api/auth/enrolment", new { token, password = Journeys.Password });

        Assert.Equal("mfa-setup", (await PortalClient.ReadJsonAsync(login)).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("enrolment_required", await Journeys.ProblemCodeAsync(refused));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal("invalid_credentials", await Journeys.ProblemCodeAsync(wrongPassword));
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal("mfa-setup", (await PortalClient.ReadJsonAsync(enrolled)).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal(10, confirm.GetProperty("recoveryCodes").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("enrolment_link_invalid", await Journeys.ProblemCodeAsync(again));
        Assert.Equal("wrong_stage", await Journeys.ProblemCodeAsync(await thief.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } })));
        Assert.Contains(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == "A new way to confirm it's you was added");
    }

    [Fact]
    public async Task EnrolmentLink_WorksFor72Hours_UntilASetupUsesIt()
    {
        var (email, id) = await AccountWithTotpAsync();
        using var agent = portal.Support();
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = Reason })).StatusCode);
        var token = await EnrolmentTokenAsync(email);

        portal.Time.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(1));
        var justInTime = await portal.Customer().PostAsync("/api/auth/enrolment", new { token, password = Journeys.Password });
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        var late = await portal.Customer().PostAsync("/api/auth/enrolment", new { token, password = Journeys.Password });

        Assert.Equal(HttpStatusCode.OK, justInTime.StatusCode);
        Assert.Equal("enrolment_link_invalid", await Journeys.ProblemCodeAsync(late));
    }

    [Fact]
    public async Task APasswordResetLink_AlsoProvesTheMailbox_ForTheFirstSetupAfterASupportReset()
    {
        var (email, id) = await AccountWithTotpAsync();
        using var agent = portal.Support();
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = Reason })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await agent.PostAsync($"/api/support/accounts/{id}/password-reset", new { reason = Reason })).StatusCode);
        var resetToken = await Emails.LatestResetTokenAsync(portal.Host, email);

        using var customer = portal.Customer();
        var confirmed = await customer.PostAsync("/api/auth/password-reset/confirm", new { token = resetToken, password = "violet kettle marching north" });
        var plan = await customer.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });

        Assert.Equal("mfa-setup", (await PortalClient.ReadJsonAsync(confirmed)).GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
    }

    private async Task<(string Email, string Id)> AccountWithTotpAsync()
    {
        using var client = portal.Insurer();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        return (email, SessionRows.AccountOf(client));
    }

    private async Task<string> EnrolmentTokenAsync(string email)
    {
        var notice = Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == ResetSubject);
        var match = EnrolmentLink().Match(Emails.Text(notice));
        Assert.True(match.Success, "The reset email has no enrolment link: " + Emails.Text(notice));
        Assert.Contains("72 hours", Emails.Text(notice), StringComparison.Ordinal);
        return match.Groups["token"].Value;
    }

    [GeneratedRegex(@"/enrolment\.html#token=(?<token>[A-Za-z0-9._-]+)")]
    private static partial Regex EnrolmentLink();
}

using System.Net;
using CustomerPortal.Functions.Email;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.IntegrationTests.Email;

/// <summary>
/// Security emails (issue 11): the customer is told when the password changes or a lock starts, at most one email of a kind
/// per account every 10 minutes, in plain text and encoded HTML with the support contact; a failed email never fails the request.
/// </summary>
public sealed class SecurityEmailTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string PasswordChanged = "Your Customer Portal password was changed";
    private const string MethodAdded = "A new way to confirm it's you was added";
    private const string MethodRemoved = "A way to confirm it's you was removed";
    private const string CodesRegenerated = "You have new recovery codes";

    [Fact]
    public async Task PasswordChangedTwiceWithinTenMinutes_SendsOneEmail_AndAnotherAfterTheTenMinutes()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        await ChangeAsync(client, Journeys.Password, "violet kettle marching north");
        portal.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await ChangeAsync(client, "violet kettle marching north", "amber lantern drifting south");
        var withinTen = (await Emails.ToAsync(portal.Host, email)).Count(e => Emails.Subject(e) == PasswordChanged);
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        await ChangeAsync(client, "amber lantern drifting south", "quiet meadow under snowfall");

        Assert.Equal(1, withinTen);
        Assert.Equal(2, (await Emails.ToAsync(portal.Host, email)).Count(e => Emails.Subject(e) == PasswordChanged));
    }

    [Fact]
    public async Task PasswordLock_EmailsTheCustomer_OncePerTenMinutes()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(client, email, "wrong until it locks");
        }

        portal.Time.Advance(TimeSpan.FromMinutes(1));
        await Journeys.LoginAsync(client, email, "wrong again: a longer wait");

        var paused = Assert.Single(await Emails.ToAsync(portal.Host, email));
        Assert.Equal("Signing in to your account is paused for a while", Emails.Subject(paused));
        Assert.Contains("a password alone never opens it", Emails.Text(paused));
    }

    [Fact]
    public async Task SecondFactorLock_EmailsTheCustomer()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);

        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        }

        Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == "Sign-in codes for your account are paused for a while");
    }

    [Fact]
    public async Task RecoveryCodeSignIn_EmailsTheCustomer()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (_, recoveryCodes) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/auth/logout");
        await Journeys.LoginAsync(client, email);

        var verified = await client.PostAsync("/api/mfa/verify", new { method = "recovery", code = recoveryCodes[0] });

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == "A recovery code was used");
    }

    [Fact]
    public async Task Emails_EncodeEveryValueInTheHtml_AndNameTheConfiguredSupportContact()
    {
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["SupportContact:Phone"] = "+1 888 555 0142",
            ["SupportContact:Email"] = "help+claims@insurer.example",
            ["SupportContact:Hours"] = "weekdays <8 am & later>",
        });
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        var token = await client.CreateAccountAsync(email, "CLM-2026-0042", "Alex <b>Morgan</b> & \"Co\"");
        await client.PostAsync("/api/auth/activate", new { token, password = Journeys.Password });

        await client.PostAsync("/api/auth/password-reset", new { email });
        var reset = await Emails.LatestResetTokenAsync(host, email);
        await client.PostAsync("/api/auth/password-reset/confirm", new { token = reset, password = "violet kettle marching north" });

        // The password-changed email: the reset email itself says only "ignore this" (issue 27 finding 10).
        var sent = Assert.Single(await Emails.ToAsync(host, email), e => Emails.Subject(e) == "Your Customer Portal password was changed");
        var html = Emails.Html(sent);
        Assert.Contains("Alex &lt;b&gt;Morgan&lt;/b&gt; &amp; &quot;Co&quot;", html);
        Assert.Contains("(weekdays &lt;8 am &amp; later&gt;)", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<8 am", html);
        Assert.Contains("Hello Alex <b>Morgan</b> & \"Co\",", Emails.Text(sent));
        Assert.Contains("If this wasn't you, call us at +1 888 555 0142 or email help+claims@insurer.example (weekdays <8 am & later>), with your claim number (CLM-2026-0042).", Emails.Text(sent));
        Assert.DoesNotContain("contact us with your claim number", Emails.Text(sent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingEmailProvider_NeverFailsTheRequest_AndTheLogNamesNoAddress()
    {
        var sender = new RecordingEmailSender(fail: true);
        var logs = new LogCapture();
        await using var host = await PortalTestHost.StartAsync(portal.Azurite.ConnectionString, services: services =>
        {
            services.AddSingleton<IEmailSender>(sender);
            services.AddLogging(logging => logging.AddProvider(logs));
        });
        using var client = new PortalClient(host.CreateClient());
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(client, email);

        var requested = await client.PostAsync("/api/auth/password-reset", new { email });
        await Emails.SentAsync(host);
        var token = Emails.ResetLink().Match(sender.Sent[0].Text).Groups["token"].Value;
        var confirmed = await client.PostAsync("/api/auth/password-reset/confirm", new { token, password = "violet kettle marching north" });
        await Emails.SentAsync(host);

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        // Two emails, each tried on its 5 deliveries (the outbox's retries), then left in the poison queue.
        Assert.Equal(2, sender.Sent.Select(message => message.Id).Distinct().Count());
        Assert.Equal(10, sender.Sent.Count);
        Assert.Contains(logs.Logs, log => log.Level == LogLevel.Warning && log.Message.Contains("password-reset", StringComparison.Ordinal) && log.Message.Contains("was not sent", StringComparison.Ordinal));
        Assert.DoesNotContain(email, logs.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token.Split('.')[1], logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MethodAddedInAFullSession_EmailsTheCustomer_ButTheFirstSetupDoesNot()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        var afterFirstSetup = await Emails.ToAsync(portal.Host, email);

        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0171" });
        var confirmed = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync("+12015550171") });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.DoesNotContain(afterFirstSetup, e => Emails.Subject(e) == MethodAdded);
        var added = Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == MethodAdded);
        Assert.Contains("SMS/Text to your phone was added", Emails.Text(added));
    }

    // Issue 23, finding 1: every bind is told (NIST SP 800-63B-4), so added and removed methods are exempt from the 10 minutes.
    [Fact]
    public async Task MethodAddedTwiceWithinTenMinutes_SendsAnEmailEachTime()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        foreach (var phone in new[] { "201 555 0172", "201 555 0173" })
        {
            await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
            await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = phone });
            var confirmed = await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync("+1" + phone.Replace(" ", "", StringComparison.Ordinal)) });
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        Assert.Equal(2, (await Emails.ToAsync(portal.Host, email)).Count(e => Emails.Subject(e) == MethodAdded));
    }

    // Issue 23, finding 1: a passkey added on the account page (outside a setup plan) sent no email.
    [Fact]
    public async Task PasskeyAddedOnTheAccountPage_EmailsTheCustomer_EachTime()
    {
        using var client = portal.NewClient();
        using var laptop = new TestAuthenticator(PasskeyJourneys.Origin);
        using var key = new TestAuthenticator(PasskeyJourneys.Origin);
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        var first = await PasskeyJourneys.RegisterAsync(client, laptop, "Work laptop");
        var second = await PasskeyJourneys.RegisterAsync(client, key, "Blue security key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var added = (await Emails.ToAsync(portal.Host, email)).Where(e => Emails.Subject(e) == MethodAdded).ToList();
        Assert.Equal(2, added.Count);
        Assert.All(added, e => Assert.Contains("A passkey was added", Emails.Text(e), StringComparison.Ordinal));
        Assert.Contains(added, e => Emails.Text(e).Contains("\"Blue security key\"", StringComparison.Ordinal));
    }

    // Issue 23, finding 1: the reset link's email and the password-changed emails list what still signs in, with a link to remove it.
    [Fact]
    public async Task ResetAndChangedEmails_ListTheMethodsLeft_PasskeysByName_WithALinkToRemoveThem()
    {
        using var client = portal.NewClient();
        using var laptop = new TestAuthenticator(PasskeyJourneys.Origin);
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(client, laptop, "Attacker's laptop")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(client, Journeys.Password, "violet kettle marching north")).StatusCode);
        using var forgetful = portal.NewClient();
        await forgetful.PostAsync("/api/auth/password-reset", new { email });
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);
        portal.Time.Advance(TimeSpan.FromMinutes(11));
        var confirmed = await forgetful.PostAsync("/api/auth/password-reset/confirm", new { token, password = "amber lantern drifting south" });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var sent = await Emails.ToAsync(portal.Host, email);
        var link = Assert.Single(sent, e => Emails.Subject(e) == "Reset your Customer Portal password");
        var changed = sent.Where(e => Emails.Subject(e) == PasswordChanged).ToList();
        Assert.Equal(2, changed.Count);
        foreach (var notice in changed.Append(link))
        {
            var text = Emails.Text(notice);
            Assert.Contains("Authenticator App", text, StringComparison.Ordinal);
            Assert.Contains("/account.html#manage-methods", text, StringComparison.Ordinal);
            Assert.Contains("/account.html#manage-methods", Emails.Html(notice), StringComparison.Ordinal);
        }

        Assert.Contains("1 passkey", Emails.Text(link), StringComparison.Ordinal);
        Assert.All(changed, notice => Assert.Contains("A passkey named \"Attacker's laptop\"", Emails.Text(notice), StringComparison.Ordinal));
        Assert.All(changed, notice => Assert.Contains("A passkey named &quot;Attacker&#39;s laptop&quot;", Emails.Html(notice), StringComparison.Ordinal));
    }

    [Fact]
    public async Task MethodRemoved_EmailsTheCustomer_AndTheRefusedLastMethodDoesNot()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);
        await client.PostAsync("/api/mfa/setup", new { methods = new[] { "sms" } });
        await client.PostAsync("/api/mfa/sms/setup", new { country = "US", phoneNumber = "201 555 0174" });
        await client.PostAsync("/api/mfa/sms/setup/confirm", new { code = await client.LatestSmsCodeAsync("+12015550174") });

        var removed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/sms"));
        portal.Time.Advance(TimeSpan.FromMinutes(10));
        var stepUp = await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        var last = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/mfa/methods/totp"));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stepUp.StatusCode);
        Assert.Equal("last_method", await Journeys.ProblemCodeAsync(last));
        var sent = Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == MethodRemoved);
        Assert.Contains("SMS/Text to your phone was removed", Emails.Text(sent));
    }

    [Fact]
    public async Task RecoveryCodesRegeneratedTwiceWithinTenMinutes_SendsOneEmail_AndAnotherAfterTheTenMinutes()
    {
        using var client = portal.NewClient();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(client, portal.Time, email);

        var first = await client.PostAsync("/api/mfa/recovery-codes");
        var second = await client.PostAsync("/api/mfa/recovery-codes");
        var withinTen = (await Emails.ToAsync(portal.Host, email)).Count(e => Emails.Subject(e) == CodesRegenerated);
        portal.Time.Advance(TimeSpan.FromMinutes(10));
        var refused = await client.PostAsync("/api/mfa/recovery-codes");
        await client.PostAsync("/api/mfa/step-up", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) });
        var third = await client.PostAsync("/api/mfa/recovery-codes");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("step_up_required", await Journeys.ProblemCodeAsync(refused));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(1, withinTen);
        var sent = (await Emails.ToAsync(portal.Host, email)).Where(e => Emails.Subject(e) == CodesRegenerated).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Contains("Your old recovery codes no longer work", Emails.Text(sent[0]));
    }

    private static Task<HttpResponseMessage> ChangeAsync(PortalClient client, string currentPassword, string newPassword)
        => client.PostAsync("/api/me/password", new { currentPassword, newPassword });
}

using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Support;

/// <summary>The support API over HTTP against Azurite: what an agent finds, sees and does when a customer calls.</summary>
public sealed class SupportApiTests(SupportFixture portal, ITestOutputHelper output) : IClassFixture<SupportFixture>
{
    private const string Reason = "Customer called from the number on the claim; confirmed claim number and date of loss.";

    /// <summary>Every support route, as (method, path after the account id or the whole path); {id} is filled in.</summary>
    public static readonly (string Method, string Path)[] Routes =
    [
        ("GET", "/api/support/accounts?claimNumber=CLM-1&reason=look"),
        ("GET", "/api/support/accounts/{id}?reason=look"),
        ("GET", "/api/support/accounts/{id}/events?reason=look"),
        ("POST", "/api/support/accounts/{id}/activation"),
        ("POST", "/api/support/accounts/{id}/unlock"),
        ("POST", "/api/support/accounts/{id}/reset-mfa"),
        ("POST", "/api/support/accounts/{id}/end-sessions"),
        ("POST", "/api/support/accounts/{id}/password-reset"),
        ("POST", "/api/support/accounts/{id}/forget-devices"),
        ("DELETE", "/api/support/accounts/{id}"),
    ];

    [Fact]
    public async Task CustomerSessionOrFunctionKey_OpensNoSupportRoute_WithoutAnAgentToken()
    {
        using var browser = portal.Insurer();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(browser, portal.Time, email);
        var id = AccountId(browser.SessionCookie!);
        using var customer = portal.Insurer(); // the function key, which opened these routes before issue 24
        customer.SessionCookie = browser.SessionCookie;
        customer.Http.DefaultRequestHeaders.Add("X-Support-Agent", "customer-pretending");
        customer.Http.DefaultRequestHeaders.Add("Origin", customer.Http.BaseAddress!.GetLeftPart(UriPartial.Authority));

        foreach (var (method, path) in Routes)
        {
            var response = await SendAsync(customer, method, path.Replace("{id}", id, StringComparison.Ordinal));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Equal("support_token_missing", await Journeys.ProblemCodeAsync(response));
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        // A token that is not one is no better; and nothing was done: the customer is still signed in with the authenticator.
        customer.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal("support_token_invalid", await Journeys.ProblemCodeAsync(await SendAsync(customer, "POST", $"/api/support/accounts/{id}/reset-mfa")));
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync("/api/me")).StatusCode);
        using var agent = portal.Support();
        var detail = await DetailAsync(agent, id);
        Assert.Equal(["totp"], detail.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task MissingReason_Is400ValidationFailed_OnEveryRoute_AndChangesNothing()
    {
        using var insurer = portal.Insurer();
        var id = await CreateAsync(insurer, Journeys.NewEmail(), "CLM-7001");
        using var agent = portal.Support();

        foreach (var (method, path) in Routes)
        {
            var target = path.Replace("{id}", id, StringComparison.Ordinal);
            if (method == "GET" && target.Contains("reason=", StringComparison.Ordinal))
            {
                foreach (var reason in new[] { "", "reason=%20", "reason=" + new string('r', 501), "reason=a&reason=b" })
                {
                    var response = await agent.GetAsync(target.Replace("reason=look", reason, StringComparison.Ordinal));
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {reason}: {(int)response.StatusCode}");
                    Assert.True((await PortalClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("reason", out _));
                }
            }

            if (method != "GET")
            {
                foreach (var body in new object[] { new { }, new { reason = "  " }, new { reason = new string('r', 501) } })
                {
                    var response = method == "DELETE" ? await agent.DeleteAsync(target, body) : await agent.PostAsync(target, body);
                    Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                    Assert.True((await PortalClient.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("reason", out _));
                }
            }
        }

        // A reason of exactly 500 characters is fine; and the refused calls left no audit row.
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = new string('r', 500) })).StatusCode);
        var events = await EventsAsync(agent, id);
        Assert.Equal(["support-unlocked", "account-created"], events.Select(e => e.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task UnknownAccount_Is404AccountNotFound_OnEveryAccountRoute()
    {
        using var agent = portal.Support();
        foreach (var (method, path) in Routes.Where(r => r.Path.Contains("{id}", StringComparison.Ordinal)))
        {
            foreach (var id in new[] { Guid.NewGuid().ToString("N"), "not-an-account", "ABCDEF0123456789ABCDEF0123456789" })
            {
                var response = await SendAsync(agent, method, path.Replace("{id}", id, StringComparison.Ordinal));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} {id}: {(int)response.StatusCode}");
                Assert.Equal("account_not_found", await Journeys.ProblemCodeAsync(response));
            }
        }
    }

    [Fact]
    public async Task LookupByClaimNumber_FindsEveryAccountOfTheClaim_InAnyCase_AndNoOther()
    {
        using var insurer = portal.Insurer();
        var claim = "CLM/" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var first = await CreateAsync(insurer, Journeys.NewEmail(), claim);
        portal.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await CreateAsync(insurer, Journeys.NewEmail(), claim);
        await CreateAsync(insurer, Journeys.NewEmail(), claim + "-2");
        using var agent = portal.Support();

        var found = await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts?reason=look&claimNumber={Uri.EscapeDataString(" " + claim.ToLowerInvariant())}"));

        Assert.Equal([first, second], found.EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
        var account = found[0];
        Assert.Equal(claim, account.GetProperty("claimNumber").GetString());
        Assert.False(account.GetProperty("activated").GetBoolean());
        Assert.Equal(portal.Time.GetUtcNow().AddSeconds(-1).AddHours(72), account.GetProperty("activationExpiresAt").GetDateTimeOffset());
        Assert.Empty(account.GetProperty("methods").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, account.GetProperty("lastSignInAt").ValueKind);
        Assert.Equal("[]", await (await agent.GetAsync("/api/support/accounts?reason=look&claimNumber=CLM-NOBODY")).Content.ReadAsStringAsync());
    }

    /// <summary>Lookup by claim number reads the claim's index partition and each account by key: 1 + accounts requests, no scan.</summary>
    [Fact]
    public async Task LookupByClaimNumber_MakesOneIndexQueryAndOneReadPerAccount_NeverATableScan()
    {
        using var insurer = portal.Insurer();
        var claim = "CLM-" + Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(insurer, Journeys.NewEmail(), claim);
        }

        for (var i = 0; i < 20; i++)
        {
            await CreateAsync(insurer, Journeys.NewEmail(), $"CLM-OTHER-{i}");
        }

        using var agent = portal.Support();
        await agent.GetAsync("/api/support/accounts?reason=look&claimNumber=CLM-WARM-UP");
        await Emails.SentAsync(portal.Host);
        portal.Requests.Clear();
        portal.Host.StorageRequests.Reset();

        var response = await agent.GetAsync($"/api/support/accounts?reason=look&claimNumber={claim}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await PortalClient.ReadJsonAsync(response)).GetArrayLength());
        var requests = portal.Requests.All;
        output.WriteLine($"claim lookup, 3 accounts: {portal.Host.StorageRequests.Count} storage requests\n  " + string.Join("\n  ", requests));
        Assert.Equal(7, portal.Host.StorageRequests.Count); // and one audit row per account found (who looked, and why)
        Assert.Equal(3, portal.Host.StorageRequests.Writes);
        var query = Assert.Single(requests, r => r.Contains("AccountClaims", StringComparison.Ordinal));
        Assert.Contains($"$filter=PartitionKey eq '{ClaimKey.For(claim)}'", query, StringComparison.Ordinal);
        Assert.All(requests.Where(r => r.StartsWith("GET", StringComparison.Ordinal) && !r.Contains("AccountClaims", StringComparison.Ordinal)), r => Assert.Matches(@"^GET /?[^?/]+/[^?/]*Accounts\(PartitionKey='[0-9a-f]{32}',RowKey='account'\)", r));
    }

    [Fact]
    public async Task LookupByEmail_FindsTheAccount_AndPutsAnAccountMadeBeforeTheIndexIntoIt()
    {
        using var insurer = portal.Insurer();
        var email = Journeys.NewEmail();
        var claim = "CLM-OLD-" + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateAsync(insurer, email, claim);
        var claims = await TableAsync("AccountClaims");
        await claims.DeleteEntityAsync(ClaimKey.For(claim), id); // as an account created before the index
        using var agent = portal.Support();
        Assert.Equal(0, (await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts?reason=look&claimNumber={claim}"))).GetArrayLength());

        var byEmail = await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts?reason=look&email={Uri.EscapeDataString(email.ToUpperInvariant())}"));

        Assert.Equal(id, Assert.Single(byEmail.EnumerateArray()).GetProperty("accountId").GetString());
        var byClaim = await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts?reason=look&claimNumber={claim}"));
        Assert.Equal(id, Assert.Single(byClaim.EnumerateArray()).GetProperty("accountId").GetString());
        Assert.Equal("[]", await (await agent.GetAsync($"/api/support/accounts?reason=look&email={Journeys.NewEmail()}")).Content.ReadAsStringAsync());

        // Once indexed, a lookup by email only reads: the email row, the account, its index row.
        await Emails.SentAsync(portal.Host);
        portal.Host.StorageRequests.Reset();
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts?reason=look&email={Uri.EscapeDataString(email)}")).StatusCode);
        Assert.Equal(4, portal.Host.StorageRequests.Count); // and the look-up's audit row
        Assert.Equal(1, portal.Host.StorageRequests.Writes);
        foreach (var query in new[] { "?reason=look", "?reason=look&claimNumber=A&email=b%40c.de", "?reason=look&claimNumber=", "?reason=look&claimNumber=CLM%231", "?reason=look&email=a&email=b", "?email=a%40b.de", "?reason=%20&email=a%40b.de", "?reason=a&reason=b&email=a%40b.de" })
        {
            Assert.Equal("validation_failed", await Journeys.ProblemCodeAsync(await agent.GetAsync("/api/support/accounts" + query)));
        }
    }

    [Fact]
    public async Task ResetMfa_RemovesEveryFactor_EndsEverySession_EmailsTheCustomer_AndTheNextSignInGoesToSetup()
    {
        using var customer = portal.Insurer();
        var email = Journeys.NewEmail();
        var (secret, recoveryCodes) = await Journeys.ActivateWithTotpAsync(customer, portal.Time, email);
        var id = AccountId(customer.SessionCookie!);
        using var otherDevice = portal.Insurer();
        await Journeys.LoginAsync(otherDevice, email);
        using var agent = portal.Support();
        Assert.Equal(["totp"], (await DetailAsync(agent, id)).GetProperty("methods").EnumerateArray().Select(m => m.GetString()));

        portal.Time.Advance(TimeSpan.FromSeconds(31));
        var reset = await agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = Reason });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await customer.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.GetAsync("/api/mfa")).StatusCode);
        var detail = await DetailAsync(agent, id);
        Assert.Empty(detail.GetProperty("methods").EnumerateArray());
        Assert.Equal(0, detail.GetProperty("recoveryCodesRemaining").GetInt32());
        Assert.Empty(detail.GetProperty("sessions").EnumerateArray());

        // The password still works; the next step is setup, and no old factor signs in.
        var login = await Journeys.LoginAsync(customer, email);
        Assert.Equal("mfa-setup", (await PortalClient.ReadJsonAsync(login)).GetProperty("stage").GetString());
        Assert.NotEqual(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/verify", new { method = "recovery", code = recoveryCodes[0] })).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await customer.GetAsync("/api/me")).StatusCode);

        // The first setup after the reset goes through the emailed enrolment link (rule SD15; EnrolmentLinkTests).
        var link = Assert.Single(await Emails.ToAsync(portal.Host, email), e => Emails.Subject(e) == "Your sign-in codes were reset by our support team");
        var token = System.Text.RegularExpressions.Regex.Match(Emails.Text(link), @"#token=(?<token>[A-Za-z0-9._-]+)").Groups["token"].Value;
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/auth/enrolment", new { token, password = Journeys.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } })).StatusCode);
        var (newSecret, confirm) = await Journeys.SetUpTotpAsync(customer, portal.Time);
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(10, confirm.GetProperty("recoveryCodes").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync("/api/me")).StatusCode);

        var sent = await Emails.ToAsync(portal.Host, email);
        var notice = Assert.Single(sent, e => Emails.Subject(e) == "Your sign-in codes were reset by our support team");
        Assert.Contains("recovery codes no longer work", Emails.Text(notice), StringComparison.Ordinal);
        Assert.Contains("CLM-1001", Emails.Text(notice), StringComparison.Ordinal);
        var audited = (await EventsAsync(agent, id)).First(e => e.GetProperty("event").GetString() == "support-mfa-reset");
        Assert.Equal(SupportFixture.Agent, audited.GetProperty("agent").GetString());
        Assert.Equal(Reason, audited.GetProperty("reason").GetString());
        Assert.Equal("totp,recovery-codes", audited.GetProperty("detail").GetString());
        Assert.True(portal.Metrics.Sum(PortalMetrics.SupportActions, "action=mfa_reset") >= 1);
    }

    [Fact]
    public async Task ResetMfa_AlsoRemovesPasskeysAndRememberedDevices()
    {
        using var customer = portal.Insurer();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(customer, portal.Time, email);
        var id = AccountId(customer.SessionCookie!);
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(customer, authenticator)).StatusCode);
        using var laptop = portal.Insurer();
        await Journeys.LoginAsync(laptop, email);
        portal.Time.Advance(TimeSpan.FromSeconds(31));
        var verify = await laptop.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.NotNull(laptop.DeviceCookie);
        using var agent = portal.Support();
        var before = await DetailAsync(agent, id);
        Assert.Single(before.GetProperty("devices").EnumerateArray());
        Assert.Equal("Work laptop", Assert.Single(before.GetProperty("passkeys").EnumerateArray()).GetProperty("name").GetString());

        var reset = await agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = Reason });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var after = await DetailAsync(agent, id);
        Assert.Empty(after.GetProperty("methods").EnumerateArray());
        Assert.Empty(after.GetProperty("devices").EnumerateArray());
        Assert.Empty(after.GetProperty("passkeys").EnumerateArray());
        using var stranger = portal.Insurer();
        Assert.Equal(HttpStatusCode.BadRequest, (await PasskeyJourneys.SignInAsync(stranger, authenticator)).StatusCode);
        var login = await Journeys.LoginAsync(laptop, email);
        Assert.Equal("mfa-setup", (await PortalClient.ReadJsonAsync(login)).GetProperty("stage").GetString());
        var audited = (await EventsAsync(agent, id)).First(e => e.GetProperty("event").GetString() == "support-mfa-reset");
        Assert.Equal("totp,passkey,recovery-codes", audited.GetProperty("detail").GetString());
    }

    // Issue 23, finding 2: the account change, ten passkey deletes and 98 session ends made 109 actions in one transaction
    // (Table Storage takes 100): reset-mfa failed every time for an account that kept many sessions alive.
    [Fact]
    public async Task ResetMfa_WithTenPasskeysAndNinetyEightSessions_KeepsEachTransactionWithinAHundredActions_AndEndsThemAll()
    {
        using var customer = portal.Insurer();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(customer, portal.Time, email);
        var id = AccountId(customer.SessionCookie!);
        var authenticators = Enumerable.Range(0, 10).Select(_ => new TestAuthenticator(PasskeyJourneys.Origin)).ToList();
        foreach (var authenticator in authenticators)
        {
            Assert.Equal(HttpStatusCode.Created, (await PasskeyJourneys.RegisterAsync(customer, authenticator)).StatusCode);
        }

        // Sessions kept alive in numbers (rows as sign-ins wrote them before the cap of rule SE19).
        var accounts = await TableAsync(TableNames.Accounts);
        var now = portal.Time.GetUtcNow();
        var rows = Enumerable.Range(0, 98).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new Functions.Accounts.Sessions.SessionEntity
        {
            PartitionKey = id,
            RowKey = Functions.Accounts.Sessions.SessionEntity.RowPrefix + Functions.Security.SecureTokens.Hash(Functions.Security.SecureTokens.NewToken()),
            Stage = "full",
            CreatedAt = now.AddSeconds(-i),
            LastSeenAt = now,
            ExpiresAt = now.AddHours(12),
            Sid = "kept-alive-" + i,
        })).ToList();
        await accounts.SubmitTransactionAsync(rows);
        using var agent = portal.Support();
        Assert.Equal(99, (await DetailAsync(agent, id)).GetProperty("sessions").GetArrayLength());

        var reset = await agent.PostAsync($"/api/support/accounts/{id}/reset-mfa", new { reason = Reason });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var after = await DetailAsync(agent, id);
        Assert.Empty(after.GetProperty("sessions").EnumerateArray());
        Assert.Empty(after.GetProperty("passkeys").EnumerateArray());
        Assert.Empty(after.GetProperty("methods").EnumerateArray());
        using var stranger = portal.Insurer();
        Assert.Equal("passkey_rejected", await Journeys.ProblemCodeAsync(await PasskeyJourneys.SignInAsync(stranger, authenticators[^1])));
        authenticators.ForEach(authenticator => authenticator.Dispose());
    }

    [Fact]
    public async Task Unlock_LetsTheRightPasswordAndCodeInAtOnce()
    {
        using var customer = portal.Insurer();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(customer, portal.Time, email);
        var id = AccountId(customer.SessionCookie!);
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(customer, email, "wrong until it locks");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(customer, email)).StatusCode);
        using var agent = portal.Support();
        Assert.NotEqual(JsonValueKind.Null, (await DetailAsync(agent, id)).GetProperty("passwordLockedUntil").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(customer, email)).StatusCode);

        // Five wrong codes lock the second factor; unlock lets the right code in with no wait.
        for (var i = 0; i < 5; i++)
        {
            await customer.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        }

        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await customer.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await DetailAsync(agent, id)).GetProperty("mfaLockedUntil").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason })).StatusCode);
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);

        var unlocks = (await EventsAsync(agent, id)).Where(e => e.GetProperty("event").GetString() == "support-unlocked").ToList();
        Assert.Equal(["second-factor", "password"], unlocks.Select(e => e.GetProperty("detail").GetString()));
        Assert.All(unlocks, e => Assert.Equal(Reason, e.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, (await DetailAsync(agent, id)).GetProperty("mfaLockedUntil").ValueKind);
    }

    [Fact]
    public async Task Activation_GivesANewLink_TheOldOneStopsWorking_AndAnActivatedAccountIs409()
    {
        using var insurer = portal.Insurer();
        var email = Journeys.NewEmail();
        var oldToken = await insurer.CreateAccountAsync(email);
        var id = oldToken[..oldToken.IndexOf('.')];
        using var agent = portal.Support();
        portal.Time.Advance(TimeSpan.FromHours(71));

        var response = await agent.PostAsync($"/api/support/accounts/{id}/activation", new { reason = Reason });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await PortalClient.ReadJsonAsync(response);
        var newToken = link.GetProperty("activationToken").GetString()!;
        Assert.Equal(id, link.GetProperty("accountId").GetString());
        Assert.EndsWith("/activate.html#token=" + newToken, link.GetProperty("activationUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(portal.Time.GetUtcNow().AddHours(72), link.GetProperty("expiresAt").GetDateTimeOffset());
        using var customer = portal.Customer();
        Assert.Equal("activation_invalid", await Journeys.ProblemCodeAsync(await customer.PostAsync("/api/auth/activate", new { token = oldToken, password = Journeys.Password })));
        portal.Time.Advance(TimeSpan.FromHours(2)); // past the old link's 72 hours, within the new one's
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/auth/activate", new { token = newToken, password = Journeys.Password })).StatusCode);

        var again = await agent.PostAsync($"/api/support/accounts/{id}/activation", new { reason = Reason });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("account_already_activated", await Journeys.ProblemCodeAsync(again));
        Assert.Single(await EventsAsync(agent, id), e => e.GetProperty("event").GetString() == "support-activation-sent");
    }

    [Fact]
    public async Task PasswordReset_EmailsTheCustomerALink_ThatTheAgentNeverSees()
    {
        using var customer = portal.Insurer();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(customer, portal.Time, email);
        var id = AccountId(customer.SessionCookie!);
        using var agent = portal.Support();

        var response = await agent.PostAsync($"/api/support/accounts/{id}/password-reset", new { reason = Reason });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("{\"expiresInSeconds\":1800}", await response.Content.ReadAsStringAsync());
        var token = await Emails.LatestResetTokenAsync(portal.Host, email);
        Assert.DoesNotContain(token, await (await agent.GetAsync($"/api/support/accounts/{id}/events?reason=look")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync("/api/auth/password-reset/confirm", new { token, password = "violet tractor summons eleven kites" })).StatusCode);

        var notActivated = await CreateAsync(customer, Journeys.NewEmail(), "CLM-1001");
        var refused = await agent.PostAsync($"/api/support/accounts/{notActivated}/password-reset", new { reason = Reason });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("account_not_activated", await Journeys.ProblemCodeAsync(refused));
    }

    [Fact]
    public async Task EndSessions_SignsTheCustomerOutEverywhere_AndKeepsTheFactors()
    {
        using var first = portal.Insurer();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(first, portal.Time, email);
        var id = AccountId(first.SessionCookie!);
        using var second = portal.Insurer();
        await Journeys.LoginAsync(second, email);
        using var agent = portal.Support();
        Assert.Equal(2, (await DetailAsync(agent, id)).GetProperty("sessions").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/end-sessions", new { reason = Reason })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/mfa")).StatusCode);
        Assert.Empty((await DetailAsync(agent, id)).GetProperty("sessions").EnumerateArray());
        Assert.Equal("mfa-verify", (await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(first, email))).GetProperty("stage").GetString());
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.TotpCode(secret, portal.Time) })).StatusCode);
        Assert.Equal(portal.Time.GetUtcNow(), (await DetailAsync(agent, id)).GetProperty("lastSignInAt").GetDateTimeOffset());
    }

    // Issue 23, finding 3: support's end-sessions left the remembered devices, which sign in again with the password alone.
    [Fact]
    public async Task EndSessions_AlsoForgetsEveryRememberedDevice()
    {
        var (laptop, email, id) = await RememberedDeviceAsync();
        using var agent = portal.Support();

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/end-sessions", new { reason = Reason })).StatusCode);

        Assert.Empty((await DetailAsync(agent, id)).GetProperty("devices").EnumerateArray());
        Assert.Equal("mfa-verify", (await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(laptop, email))).GetProperty("stage").GetString());
        laptop.Dispose();
    }

    // Issue 23, finding 3: an action of its own to forget the remembered devices, audited and counted.
    [Fact]
    public async Task ForgetDevices_ForgetsEveryRememberedDevice_KeepsTheSessions_AuditsAndCountsIt()
    {
        var (laptop, email, id) = await RememberedDeviceAsync();
        using var agent = portal.Support();
        var before = portal.Metrics.Sum(PortalMetrics.SupportActions, "action=devices_forgotten");

        var forgotten = await agent.PostAsync($"/api/support/accounts/{id}/forget-devices", new { reason = Reason });
        var withoutReason = await agent.PostAsync($"/api/support/accounts/{id}/forget-devices", new { });

        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.Equal("validation_failed", await Journeys.ProblemCodeAsync(withoutReason));
        var detail = await DetailAsync(agent, id);
        Assert.Empty(detail.GetProperty("devices").EnumerateArray());
        Assert.Equal("mfa-verify", (await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(laptop, email))).GetProperty("stage").GetString());
        var audited = (await EventsAsync(agent, id)).First(e => e.GetProperty("event").GetString() == "support-devices-forgotten");
        Assert.Equal(SupportFixture.Agent, audited.GetProperty("agent").GetString());
        Assert.Equal(Reason, audited.GetProperty("reason").GetString());
        Assert.Equal("1", audited.GetProperty("detail").GetString());
        Assert.Equal(before + 1, portal.Metrics.Sum(PortalMetrics.SupportActions, "action=devices_forgotten"));
        laptop.Dispose();
    }

    // Issue 23, finding 4: unlock was an unlimited oracle (nine guesses, unlock, repeat). Three a UTC day per account, counted in
    // storage with optimistic concurrency, so parallel calls cannot get a fourth.
    [Fact]
    public async Task Unlock_AtMostThreeAUtcDayPerAccount_EvenInParallel_ThenUnlockLimit()
    {
        using var insurer = portal.Insurer();
        var id = await CreateAsync(insurer, Journeys.NewEmail(), "CLM-1001");
        using var agent = portal.Support();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason })));
        portal.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason });

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.NoContent));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.NoContent).ToList();
        Assert.Equal(3, refused.Count);
        foreach (var answer in refused)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
            Assert.Equal("unlock_limit", await Journeys.ProblemCodeAsync(answer));
            Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        Assert.Equal(HttpStatusCode.NoContent, nextDay.StatusCode);
        Assert.Equal(4, (await EventsAsync(agent, id)).Count(e => e.GetProperty("event").GetString() == "support-unlocked"));
    }

    // Issue 23, finding 4: unlock ends the current lock only: the doubling stays, so the next wrong guesses lock for longer; and
    // the customer is told.
    [Fact]
    public async Task Unlock_EndsTheCurrentLockOnly_KeepingTheDoubling_AndEmailsTheCustomer()
    {
        using var customer = portal.Insurer();
        var email = Journeys.NewEmail();
        var (secret, _) = await Journeys.ActivateWithTotpAsync(customer, portal.Time, email);
        var id = AccountId(customer.SessionCookie!);
        using var agent = portal.Support();
        for (var i = 0; i < 10; i++)
        {
            await Journeys.LoginAsync(customer, email, "wrong until it locks");
        }

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason })).StatusCode);
        var afterUnlock = await DetailAsync(agent, id);
        await Journeys.LoginAsync(customer, email, "one more wrong password");
        var passwordLock = (await DetailAsync(agent, id)).GetProperty("passwordLockedUntil").GetDateTimeOffset();

        Assert.Equal(JsonValueKind.Null, afterUnlock.GetProperty("passwordLockedUntil").ValueKind);
        Assert.Equal(portal.Time.GetUtcNow() + TimeSpan.FromMinutes(2), passwordLock);

        // The second factor: 5 wrong codes lock it for 15 minutes; after an unlock, 5 more lock it for 30.
        portal.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await Journeys.LoginAsync(customer, email)).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            await customer.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        }

        Assert.Equal(portal.Time.GetUtcNow() + TimeSpan.FromMinutes(15), (await DetailAsync(agent, id)).GetProperty("mfaLockedUntil").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/unlock", new { reason = Reason })).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            await customer.PostAsync("/api/mfa/verify", new { method = "totp", code = Journeys.WrongTotpCode(secret, portal.Time) });
        }

        Assert.Equal(portal.Time.GetUtcNow() + TimeSpan.FromMinutes(30), (await DetailAsync(agent, id)).GetProperty("mfaLockedUntil").GetDateTimeOffset());
        var unlocked = (await Emails.ToAsync(portal.Host, email)).Where(e => Emails.Subject(e) == "Our support team unlocked your account").ToList();
        Assert.Equal(2, unlocked.Count);
        Assert.Contains("CLM-1001", Emails.Text(unlocked[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_AreNewestFirst_InPages_WithAgentAndReason()
    {
        using var insurer = portal.Insurer();
        var id = await CreateAsync(insurer, Journeys.NewEmail(), "CLM-1001");
        using var agent = portal.Support();
        for (var i = 0; i < 4; i++)
        {
            portal.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/support/accounts/{id}/end-sessions", new { reason = $"reason {i}" })).StatusCode);
        }

        var first = await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts/{id}/events?limit=2&reason=look"));
        var next = first.GetProperty("next").GetString()!;
        var second = await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts/{id}/events?limit=2&reason=look&before={next}"));
        var third = await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts/{id}/events?limit=2&reason=look&before={second.GetProperty("next").GetString()}"));

        string Reasons(JsonElement page) => string.Join("|", page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("reason").GetString() ?? "(none)"));
        Assert.Equal("reason 3|reason 2", Reasons(first));
        Assert.Equal("reason 1|reason 0", Reasons(second));
        Assert.Equal("(none)", Reasons(third));
        Assert.Equal("account-created", third.GetProperty("events")[0].GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next").ValueKind);
        var newest = first.GetProperty("events")[0];
        Assert.Equal(SupportFixture.Agent, newest.GetProperty("agent").GetString());
        Assert.Equal(SupportFixture.AgentName, newest.GetProperty("agentName").GetString());
        Assert.Equal(portal.Time.GetUtcNow(), newest.GetProperty("at").GetDateTimeOffset());
        Assert.False(string.IsNullOrEmpty(newest.GetProperty("clientIp").GetString()));
        // The three page reads were audited, each with its reason; the whole trail is the 5 rows and those 3.
        var all = (await PortalClient.ReadJsonAsync(await agent.GetAsync($"/api/support/accounts/{id}/events?reason=look"))).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(8, all.Count);
        Assert.Equal(3, all.Count(e => e.GetProperty("event").GetString() == "support-trail-read" && e.GetProperty("reason").GetString() == "look" && e.GetProperty("agent").GetString() == SupportFixture.Agent));
        foreach (var query in new[] { "limit=0", "limit=201", "limit=abc", "before=xyz", "limit=1&limit=2" })
        {
            Assert.Equal("validation_failed", await Journeys.ProblemCodeAsync(await agent.GetAsync($"/api/support/accounts/{id}/events?reason=look&{query}")));
        }

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts/{id}/events?limit=200&reason=look")).StatusCode);
    }

    [Fact]
    public async Task EveryAction_IsCountedInTheSupportMetric()
    {
        using var customer = portal.Insurer();
        var email = Journeys.NewEmail();
        await Journeys.ActivateWithTotpAsync(customer, portal.Time, email);
        var id = AccountId(customer.SessionCookie!);
        var notActivated = await CreateAsync(customer, Journeys.NewEmail(), "CLM-1001");
        using var agent = portal.Support();
        string[] actions = ["activation_sent", "unlocked", "mfa_reset", "sessions_ended", "password_reset_sent", "devices_forgotten"];
        var before = actions.ToDictionary(a => a, a => portal.Metrics.Sum(PortalMetrics.SupportActions, "action=" + a));

        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsync($"/api/support/accounts/{notActivated}/activation", new { reason = Reason })).StatusCode);
        foreach (var action in new[] { "unlock", "reset-mfa", "end-sessions", "password-reset", "forget-devices" })
        {
            Assert.True((await agent.PostAsync($"/api/support/accounts/{id}/{action}", new { reason = Reason })).IsSuccessStatusCode, action);
        }

        Assert.All(actions, a => Assert.Equal(before[a] + 1, portal.Metrics.Sum(PortalMetrics.SupportActions, "action=" + a)));
    }

    /// <summary>An account whose authenticator setup remembered the laptop, signed out: the laptop's password alone signs in.</summary>
    private async Task<(PortalClient Laptop, string Email, string Id)> RememberedDeviceAsync()
    {
        var laptop = portal.Insurer();
        var email = Journeys.NewEmail();
        await Journeys.ActivateAsync(laptop, email);
        await laptop.PostAsync("/api/mfa/setup", new { methods = new[] { "totp" } });
        var setup = await PortalClient.ReadJsonAsync(await laptop.PostAsync("/api/mfa/totp/setup"));
        var secret = setup.GetProperty("secret").GetString()!.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsync("/api/mfa/totp/setup/confirm", new { code = Journeys.TotpCode(secret, portal.Time), rememberDevice = true })).StatusCode);
        var id = AccountId(laptop.SessionCookie!);
        await laptop.PostAsync("/api/auth/logout");
        Assert.Equal("signed-in", (await PortalClient.ReadJsonAsync(await Journeys.LoginAsync(laptop, email))).GetProperty("stage").GetString());
        await laptop.PostAsync("/api/auth/logout");
        return (laptop, email, id);
    }

    private static string AccountId(string cookie) => cookie[..cookie.IndexOf('.')];

    private static async Task<string> CreateAsync(PortalClient insurer, string email, string claimNumber)
    {
        var token = await insurer.CreateAccountAsync(email, claimNumber);
        return token[..token.IndexOf('.')];
    }

    private static async Task<JsonElement> DetailAsync(PortalClient agent, string id)
    {
        var response = await agent.GetAsync($"/api/support/accounts/{id}?reason={Uri.EscapeDataString(SupportFixture.LookReason)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalClient.ReadJsonAsync(response);
    }

    private static async Task<IReadOnlyList<JsonElement>> EventsAsync(PortalClient agent, string id)
    {
        var response = await agent.GetAsync($"/api/support/accounts/{id}/events?reason=look");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await PortalClient.ReadJsonAsync(response)).GetProperty("events").EnumerateArray()];
    }

    private static Task<HttpResponseMessage> SendAsync(PortalClient client, string method, string path)
        => method switch
        {
            "GET" => client.GetAsync(path),
            "DELETE" => client.DeleteAsync(path, new { reason = Reason }),
            _ => client.PostAsync(path, new { reason = Reason }),
        };

    private async Task<TableClient> TableAsync(string name)
    {
        var prefix = portal.Host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix;
        var table = new TableServiceClient(portal.Azurite.ConnectionString).GetTableClient(prefix + name);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}

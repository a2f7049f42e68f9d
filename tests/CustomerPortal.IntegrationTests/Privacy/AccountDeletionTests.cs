using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using CustomerPortal.Functions.Privacy;
using CustomerPortal.Functions.Storage;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.OpenApi;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.IntegrationTests.Support;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Privacy;

/// <summary>
/// Issue 28: after each kind of deletion (the customer's, support's, the admin API's) a scan of every table finds no row that
/// names the account, and its old session cookies get 401; the kept trail is read back by the account's id and names no one;
/// bad input deletes nothing.
/// </summary>
public sealed class AccountDeletionTests(SupportFixture portal) : IClassFixture<SupportFixture>
{
    private const string Reason = "Customer asked on the phone for the account to be deleted; identity confirmed with the claim number.";

    [Fact]
    public async Task Customer_DeletesOwnAccount_WithStepUpAndConfirmation_NoRowNamesItAfterwards()
    {
        var subject = await JourneyAsync("71");
        using var customer = Client(subject.SessionCookie);
        await PrivacyJourneys.AssertNamedAsync(portal.Host, subject);

        var response = await customer.DeleteAsync("/api/me", new { confirmation = "DELETE" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(PortalClient.CookieName + "=;", StringComparison.Ordinal));
        await PrivacyJourneys.AssertGoneAsync(portal.Host, subject);
        var last = (await Emails.ToAsync(portal.Host, subject.Email)).First();
        Assert.Equal("Your Customer Portal account was deleted", Emails.Subject(last));
        using var stranger = portal.Insurer();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Journeys.LoginAsync(stranger, subject.Email)).StatusCode);
    }

    [Fact]
    public async Task Support_DeletesAccount_WithReason_NoRowNamesItAfterwards()
    {
        var subject = await JourneyAsync("72");
        await PrivacyJourneys.AssertNamedAsync(portal.Host, subject);
        using var agent = portal.Support();

        var response = await agent.DeleteAsync($"/api/support/accounts/{subject.AccountId}", new { reason = Reason });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await PrivacyJourneys.AssertGoneAsync(portal.Host, subject);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/support/accounts/{subject.AccountId}?reason=look")).StatusCode);
        var again = await agent.DeleteAsync($"/api/support/accounts/{subject.AccountId}", new { reason = Reason });
        Assert.Equal("account_not_found", await Journeys.ProblemCodeAsync(again));
    }

    [Fact]
    public async Task Admin_DeletesAccount_NoRowNamesItAfterwards()
    {
        var subject = await JourneyAsync("73");
        await PrivacyJourneys.AssertNamedAsync(portal.Host, subject);
        using var insurer = portal.Insurer();

        var response = await insurer.DeleteAsync($"/api/admin/accounts/{subject.AccountId}", new { reason = "Claim withdrawn." });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await PrivacyJourneys.AssertGoneAsync(portal.Host, subject);
    }

    [Fact]
    public async Task DeletedAccountsTrail_IsReadBackByItsId_WithTheDeletion_AndNoEmailPhoneNameOrAddress()
    {
        var subject = await JourneyAsync("77");
        using var agent = portal.Support();
        using var insurer = portal.Insurer();
        Assert.Equal("account_not_found", await Journeys.ProblemCodeAsync(await insurer.GetAsync($"/api/admin/deleted-accounts/{subject.AccountId}/events")));
        var accounts = portal.Host.Services.GetRequiredService<PortalTables>().Existing(TableNames.Accounts);
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subject.AccountId}")))
        {
            if (row.GetString("ClientIp") is { Length: > 0 } address)
            {
                addresses.Add(address);
            }
        }

        Assert.NotEmpty(addresses);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/support/accounts/{subject.AccountId}", new { reason = Reason })).StatusCode);

        var response = await insurer.GetAsync($"/api/admin/deleted-accounts/{subject.AccountId}/events");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var description = await OpenApiDescription.LoadAsync();
        Assert.Empty(OpenApiDescription.Check(description.ResponseSchema("GET", "/admin/deleted-accounts/{id}/events", 200, "application/json")!, body));
        var events = JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray().ToList();
        var deleted = Assert.Single(events, e => e.GetProperty("event").GetString() == "account-deleted");
        Assert.Equal("support", deleted.GetProperty("detail").GetString());
        Assert.Equal(Reason, deleted.GetProperty("reason").GetString());
        Assert.Equal(SupportFixture.Agent, deleted.GetProperty("agent").GetString());
        Assert.Equal(SupportFixture.AgentName, deleted.GetProperty("agentName").GetString());
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "activated");
        Assert.True(events.Count > 5, $"only {events.Count} events kept");

        // Neither the answer nor the rows it comes from hold the email, phone, name, client address or the account id.
        var rows = new List<string>();
        var pseudonym = portal.Host.Services.GetRequiredService<AccountDeletion>().Pseudonym(subject.AccountId);
        await foreach (var row in accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pseudonym}")))
        {
            rows.Add(string.Join("|", row.Select(pair => $"{pair.Key}={pair.Value}")));
        }

        Assert.Equal(events.Count, rows.Count);
        foreach (var text in rows.Append(body))
        {
            foreach (var personal in (string[])[subject.Email, subject.PhoneE164, "Alex Customer", subject.AccountId, .. addresses])
            {
                Assert.False(text.Contains(personal, StringComparison.OrdinalIgnoreCase), $"The kept trail holds {personal}: {text}");
            }
        }

        // Found by an account's id only: not for a live account, an unknown id or anything else.
        var live = await JourneyAsync("78");
        foreach (var id in new[] { live.AccountId, Guid.NewGuid().ToString(), "not-an-id", pseudonym })
        {
            var notFound = await insurer.GetAsync($"/api/admin/deleted-accounts/{id}/events");
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            Assert.Equal("account_not_found", await Journeys.ProblemCodeAsync(notFound));
        }
    }

    [Fact]
    public async Task BadInput_OnEachDeletionRoute_IsAProblemWithAStableCode_AndDeletesNothing()
    {
        var subject = await JourneyAsync("74");
        using var customer = Client(subject.SessionCookie);
        using var agent = portal.Support();
        using var insurer = portal.Insurer();
        using var noAgent = portal.Insurer();
        using var agentOnly = portal.Support(roles: SupportFixture.AgentOnly);

        var cases = new (string Name, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, string Code)[]
        {
            ("me: no confirmation", () => customer.DeleteAsync("/api/me", new { }), HttpStatusCode.BadRequest, "validation_failed"),
            ("me: wrong word", () => customer.DeleteAsync("/api/me", new { confirmation = "delete" }), HttpStatusCode.BadRequest, "validation_failed"),
            ("me: no body", () => customer.DeleteAsync("/api/me"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
            ("support: no reason", () => agent.DeleteAsync($"/api/support/accounts/{subject.AccountId}", new { }), HttpStatusCode.BadRequest, "validation_failed"),
            ("support: function key, no token", () => noAgent.DeleteAsync($"/api/support/accounts/{subject.AccountId}", new { reason = Reason }), HttpStatusCode.Unauthorized, "support_token_missing"),
            ("support: agent, not supervisor", () => agentOnly.DeleteAsync($"/api/support/accounts/{subject.AccountId}", new { reason = Reason }), HttpStatusCode.Forbidden, "support_role_required"),
            ("support: not an id", () => agent.DeleteAsync("/api/support/accounts/not-an-id", new { reason = Reason }), HttpStatusCode.NotFound, "account_not_found"),
            ("admin: no reason", () => insurer.DeleteAsync($"/api/admin/accounts/{subject.AccountId}", new { reason = " " }), HttpStatusCode.BadRequest, "validation_failed"),
            ("admin: unknown id", () => insurer.DeleteAsync($"/api/admin/accounts/{Guid.NewGuid()}", new { reason = Reason }), HttpStatusCode.NotFound, "account_not_found"),
            ("close: no claim", () => insurer.PostAsync("/api/admin/claims/close", new { }), HttpStatusCode.BadRequest, "validation_failed"),
            ("close: bad claim", () => insurer.PostAsync("/api/admin/claims/close", new { claimNumber = "CLM 1?" }), HttpStatusCode.BadRequest, "validation_failed"),
            ("reopen: unknown claim", () => insurer.PostAsync("/api/admin/claims/reopen", new { claimNumber = "CLM-NOSUCH" }), HttpStatusCode.NotFound, "account_not_found"),
        };

        foreach (var (name, send, status, code) in cases)
        {
            var response = await send();
            Assert.True(response.StatusCode == status, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(code, await Journeys.ProblemCodeAsync(response));
        }

        // Without a fresh step-up the customer is asked for one, and nothing goes.
        portal.Time.Advance(TimeSpan.FromMinutes(6));
        var stale = await customer.DeleteAsync("/api/me", new { confirmation = "DELETE" });
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal("step_up_required", await Journeys.ProblemCodeAsync(stale));

        await PrivacyJourneys.AssertNamedAsync(portal.Host, subject);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync("/api/me")).StatusCode);
    }

    private async Task<PrivacySubject> JourneyAsync(string phoneSuffix)
    {
        using var customer = portal.Insurer();
        using var laptop = portal.Insurer();
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        return await PrivacyJourneys.CustomerAsync(portal.Host, customer, laptop, portal.Time, phoneSuffix, authenticator);
    }

    private PortalClient Client(string cookie)
    {
        var client = portal.Customer();
        client.SessionCookie = cookie;
        return client;
    }
}

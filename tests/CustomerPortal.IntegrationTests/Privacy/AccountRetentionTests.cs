using System.Net;
using CustomerPortal.Functions.Housekeeping;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.IntegrationTests.Support;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.IntegrationTests.Privacy;

/// <summary>
/// Issue 28, rule DP5, on the fake clock: the housekeeping job emails the customer 76 days after the claim closed (14 before),
/// once, deletes the account at day 90 (every row that named it), and never touches an account whose claim is open or reopened.
/// </summary>
public sealed class AccountRetentionTests(SupportFixture portal) : IClassFixture<SupportFixture>
{
    private const string Warning = "Your Customer Portal account will be deleted soon";

    [Fact]
    public async Task ClosedClaim_WarnedAtDay76_DeletedAtDay90_OpenAndReopenedClaimsKept()
    {
        using var customer = portal.Insurer();
        using var laptop = portal.Insurer();
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        var subject = await PrivacyJourneys.CustomerAsync(portal.Host, customer, laptop, portal.Time, "75", authenticator);
        await PrivacyJourneys.AssertNamedAsync(portal.Host, subject);
        using var insurer = portal.Insurer();
        var openEmail = Journeys.NewEmail();
        var openId = await CreateAsync(insurer, openEmail, "CLM-OPEN-" + Guid.NewGuid().ToString("N")[..6]);
        var reopenedClaim = "CLM-REOPENED-" + Guid.NewGuid().ToString("N")[..6];
        var reopenedId = await CreateAsync(insurer, Journeys.NewEmail(), reopenedClaim);

        var closed = await insurer.PostAsync("/api/admin/claims/close", new { claimNumber = subject.ClaimNumber.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(1, (await PortalClient.ReadJsonAsync(closed)).GetProperty("accounts").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await insurer.PostAsync("/api/admin/claims/close", new { claimNumber = reopenedClaim })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await insurer.PostAsync("/api/admin/claims/reopen", new { claimNumber = reopenedClaim })).StatusCode);
        var closedAt = portal.Time.GetUtcNow();

        // Day 75 and a bit: nothing yet.
        portal.Time.SetUtcNow(closedAt + TimeSpan.FromDays(76) - TimeSpan.FromMinutes(1));
        await RunAsync();
        Assert.DoesNotContain(await Emails.ToAsync(portal.Host, subject.Email), email => Emails.Subject(email) == Warning);

        // Day 76: the warning, once, naming the day of deletion; the account is still there.
        portal.Time.SetUtcNow(closedAt + TimeSpan.FromDays(76));
        await RunAsync();
        await RunAsync();
        var warning = Assert.Single(await Emails.ToAsync(portal.Host, subject.Email), email => Emails.Subject(email) == Warning);
        Assert.Contains(Format(closedAt + TimeSpan.FromDays(90)), Emails.Text(warning), StringComparison.Ordinal);
        Assert.True(await ExistsAsync(subject.AccountId));

        // Just before day 90: still there.
        portal.Time.SetUtcNow(closedAt + TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        await RunAsync();
        Assert.True(await ExistsAsync(subject.AccountId));

        // Day 90: gone, every row that named it; the open and reopened claims' accounts are untouched.
        portal.Time.SetUtcNow(closedAt + TimeSpan.FromDays(90));
        var report = await RunAsync();
        Assert.Equal(1, report.Removed.GetValueOrDefault(HousekeepingKinds.AccountDeleted));
        await PrivacyJourneys.AssertGoneAsync(portal.Host, subject);
        Assert.Equal("Your Customer Portal account was deleted", Emails.Subject((await Emails.ToAsync(portal.Host, subject.Email)).First()));
        using var agent = portal.Support();
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts/{openId}?reason=look")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/support/accounts/{reopenedId}?reason=look")).StatusCode);
        Assert.DoesNotContain(await Emails.ToAsync(portal.Host, openEmail), email => Emails.Subject(email) == Warning);
    }

    private async Task<bool> ExistsAsync(string id)
    {
        using var agent = portal.Support();
        return (await agent.GetAsync($"/api/support/accounts/{id}?reason=look")).StatusCode == HttpStatusCode.OK;
    }

    private async Task<HousekeepingReport> RunAsync()
        => await portal.Host.Services.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);

    private static async Task<string> CreateAsync(PortalClient insurer, string email, string claimNumber)
    {
        var token = await insurer.CreateAccountAsync(email, claimNumber);
        return token[..token.IndexOf('.')];
    }

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Net;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Storage;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.IntegrationTests.Passkeys;
using CustomerPortal.IntegrationTests.Privacy;
using CustomerPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Performance;

/// <summary>
/// Issue 28: the storage requests of <c>GET /api/me/data</c> and <c>DELETE /api/me</c> for a customer who used everything
/// (<see cref="PrivacyJourneys.CustomerAsync"/>: SMS, the authenticator, a passkey, a remembered laptop, two sessions), in the
/// steady state (every table and queue exists), counted as StorageRequestBudgetTests counts them. As there, a sender that
/// touches no storage stands in for ACS, so the last email's development outbox row (written after the answer) is not counted.
/// </summary>
public sealed class PrivacyBudgetTests(PortalFixture portal, ITestOutputHelper output) : IClassFixture<PortalFixture>
{
    /// <summary>
    /// The export: the session, the account, the <c>data-exported</c> audit row, then one query each for the sessions, the
    /// devices, the passkeys and the trail (its partition's rows and the older Audit table's).
    /// </summary>
    public const int MyDataRequests = 8;

    /// <summary>
    /// The deletion: the session, the account, the sessions ended, the trail kept (two reads, one transaction), the rows elsewhere
    /// (index rows, counters, passkey lookups, both development outboxes: a query and a transaction where there are rows), the
    /// account's partition (a query, a transaction, the account row last) and the outbox queue's message. Before the trail was
    /// copied 100 rows to a transaction it made 34, without deleting the outbox rows.
    /// </summary>
    public const int DeleteMeRequests = 26;

    [Fact]
    public async Task MyData_AndDeleteMe_MakeTheMeasuredStorageRequests()
    {
        var time = new FakeTimeProvider(portal.Time.GetUtcNow());
        await using var host = await PortalTestHost.StartAsync(
            portal.Azurite.ConnectionString,
            services: services => services.AddSingleton<TimeProvider>(time).AddSingleton<IEmailSender>(new RecordingEmailSender()));
        using var customer = new PortalClient(host.CreateClient());
        using var laptop = new PortalClient(host.CreateClient());
        using var authenticator = new TestAuthenticator(PasskeyJourneys.Origin);
        var subject = await PrivacyJourneys.CustomerAsync(host, customer, laptop, time, "91", authenticator);

        // The steady state: every table and queue the two routes touch exists.
        var tables = host.Services.GetRequiredService<PortalTables>();
        foreach (var name in new[] { TableNames.Audit, TableNames.ResetCounters, TableNames.EmailOutbox, TableNames.SmsOutbox, TableNames.AccountClaims })
        {
            await tables.GetAsync(name);
        }

        var queues = host.Services.GetRequiredService<PortalQueues>();
        await queues.OutboxAsync();
        await queues.EventsAsync();
        await queues.LogoutAsync();

        var export = await CountAsync(host, () => customer.GetAsync("/api/me/data"), HttpStatusCode.OK);
        var deletion = await CountAsync(host, () => customer.DeleteAsync("/api/me", new { confirmation = "DELETE" }), HttpStatusCode.NoContent);

        output.WriteLine($"GET /api/me/data: {export.Requests} storage requests ({export.Writes} writes); DELETE /api/me: {deletion.Requests} ({deletion.Writes} writes)");
        Assert.Equal(MyDataRequests, export.Requests);
        Assert.Equal(DeleteMeRequests, deletion.Requests);
        await PrivacyJourneys.AssertGoneAsync(host, subject);
    }

    private static async Task<(long Requests, long Writes)> CountAsync(PortalTestHost host, Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        await Emails.SentAsync(host); // an earlier email's queue message is not this call's
        host.StorageRequests.Reset();
        var response = await call();
        Assert.Equal(expected, response.StatusCode);
        return (host.StorageRequests.Count, host.StorageRequests.Writes);
    }
}

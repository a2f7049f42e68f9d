using System.Net;
using CustomerPortal.IntegrationTests.Infrastructure;
using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Performance;

/// <summary>
/// Counts one call's storage requests on a test host (<see cref="PortalTestHost.StorageRequests"/>: Table and Queue Storage,
/// retries included), as the budget tests count them, and holds a set of calls to their documented numbers at once.
/// </summary>
public static class StorageBudget
{
    /// <summary>The requests of <paramref name="call"/> and the account rows it read, once every earlier email has been handed on.</summary>
    public static async Task<(long Requests, long AccountReads)> CountReadsAsync(PortalTestHost host, Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        await Emails.SentAsync(host); // an earlier email's outbox row (the Outbox sender) is not this call's
        host.StorageRequests.Reset();
        var response = await call();
        var counted = (host.StorageRequests.Count, host.StorageRequests.AccountReads);
        Assert.Equal(expected, response.StatusCode);
        return counted;
    }

    /// <summary>The requests of <paramref name="call"/>.</summary>
    public static async Task<long> CountAsync(PortalTestHost host, Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
        => (await CountReadsAsync(host, call, expected)).Requests;

    /// <summary>
    /// Asserts every measured call made exactly its documented number of requests, and names every one that did not (not only
    /// the first), so one run shows the whole table.
    /// </summary>
    public static void AssertDocumented(IReadOnlyDictionary<string, long> measured, IReadOnlyDictionary<string, long> documented)
    {
        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), measured.Keys.Order(StringComparer.Ordinal));
        var wrong = documented.Where(pair => measured[pair.Key] != pair.Value).Select(pair => $"{pair.Key}: {measured[pair.Key]} storage requests, documented {pair.Value}").ToList();
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }
}

using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.Storage;

/// <summary>What counts as a storage outage (503 storage_unavailable) and what stays a bug (500) or a rule the code handles.</summary>
public sealed class StorageOutageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(504)]
    public void IsOutage_StorageAnswerThatMeansDownBusyOrSlow_IsAnOutage(int status)
    {
        Assert.True(StorageOutage.IsOutage(new RequestFailedException(status, "Storage failed."), CancellationToken.None));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(501)]
    public void IsOutage_StorageRefusalTheCodeHandlesOrABug_IsNot(int status)
    {
        Assert.False(StorageOutage.IsOutage(new RequestFailedException(status, "Refused."), CancellationToken.None));
    }

    [Fact]
    public void IsOutage_ConflictInATransaction_IsNot()
    {
        var conflict = new TableTransactionFailedException(new RequestFailedException(412, "Condition not met."));

        Assert.False(StorageOutage.IsOutage(conflict, CancellationToken.None));
    }

    [Fact]
    public void IsOutage_TimeoutNotAskedForByTheRequest_IsAnOutage()
    {
        Assert.True(StorageOutage.IsOutage(new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout."), CancellationToken.None));
        Assert.True(StorageOutage.IsOutage(new OperationCanceledException(), CancellationToken.None));
    }

    [Fact]
    public void IsOutage_AnythingWhileTheRequestItselfIsCancelled_IsNot()
    {
        using var request = new CancellationTokenSource();
        request.Cancel();

        Assert.False(StorageOutage.IsOutage(new OperationCanceledException(request.Token), request.Token));
        Assert.False(StorageOutage.IsOutage(new RequestFailedException(503, "Busy."), request.Token));
    }

    [Fact]
    public void IsOutage_EveryRetryFailedWithAnOutage_IsAnOutage()
    {
        var tries = new AggregateException(new RequestFailedException(0, "Connection refused."), new TaskCanceledException(), new RequestFailedException(503, "Busy."));

        Assert.True(StorageOutage.IsOutage(tries, CancellationToken.None));
    }

    [Fact]
    public void IsOutage_ARetryThatEndedInABug_IsNot()
    {
        var tries = new AggregateException(new RequestFailedException(503, "Busy."), new InvalidOperationException("A bug."));

        Assert.False(StorageOutage.IsOutage(tries, CancellationToken.None));
    }

    [Fact]
    public void IsOutage_OtherExceptions_AreNot()
    {
        Assert.False(StorageOutage.IsOutage(new InvalidOperationException("Account change lost 40 races in a row."), CancellationToken.None));
        Assert.False(StorageOutage.IsOutage(new NullReferenceException(), CancellationToken.None));
        Assert.False(StorageOutage.IsOutage(new AggregateException(), CancellationToken.None));
    }

    [Fact]
    public void IsOutage_ConnectionFailureFromOutsideTheStoragePipeline_IsNot()
    {
        // A client's broken request body is an IOException too; only the storage pipeline's connection failures are outages.
        Assert.False(StorageOutage.IsOutage(new IOException("Unexpected end of request content."), CancellationToken.None));
        Assert.False(StorageOutage.IsOutage(new Microsoft.AspNetCore.Http.BadHttpRequestException("Bad chunk."), CancellationToken.None));
        Assert.False(StorageOutage.IsOutage(new HttpRequestException("Refused."), CancellationToken.None));
        Assert.False(StorageOutage.IsOutage(new SocketException((int)SocketError.ConnectionRefused), CancellationToken.None));
    }

    public static TheoryData<Exception> ConnectionFailures() =>
    [
        new HttpRequestException("Connection refused."),
        new IOException("The response ended prematurely."),
        new SocketException((int)SocketError.ConnectionReset),
    ];

    [Theory]
    [MemberData(nameof(ConnectionFailures))]
    public async Task IsOutage_ConnectionFailureFromTheStorageClient_IsAnOutage_WithOrWithoutRetries(Exception failure)
    {
        foreach (var retries in new[] { 0, 2 })
        {
            var thrown = await ThrownByTheStorageClientAsync(failure, retries);

            Assert.True(StorageOutage.IsOutage(thrown, CancellationToken.None), $"{thrown.GetType().Name} after {retries} retries");
        }
    }

    [Fact]
    public async Task TheStorageClient_RetriesAsConfigured()
    {
        var policy = new FailingPolicy(new IOException("The response ended prematurely."));

        await ThrownByTheStorageClientAsync(policy, retries: 2);

        Assert.Equal(3, policy.Calls);
    }

    [Fact]
    public void RetryAfter_IsFiveSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), StorageOutage.RetryAfter);
    }

    private static Task<Exception> ThrownByTheStorageClientAsync(Exception failure, int retries)
        => ThrownByTheStorageClientAsync(new FailingPolicy(failure), retries);

    // The real client from the factory, with a per-retry policy that fails every try as a broken connection would.
    private static async Task<Exception> ThrownByTheStorageClientAsync(FailingPolicy policy, int retries)
    {
        var options = Options.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", MaxRetries = retries });
        var client = TableServiceClientFactory.Create(options, [policy]).GetTableClient("Accounts");

        return await Assert.ThrowsAnyAsync<Exception>(() => client.GetEntityIfExistsAsync<TableEntity>("account", "row"));
    }

    private sealed class FailingPolicy(Exception failure) : HttpPipelinePolicy
    {
        public int Calls { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw Fail();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw Fail();

        private Exception Fail()
        {
            Calls++;
            return failure;
        }
    }
}

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.UnitTests.Storage;

/// <summary>The benchmark's split of the storage wait: reads (GET, HEAD) apart from writes, each request's wait counted once.</summary>
public sealed class StorageRequestCounterTests
{
    [Fact]
    public async Task TheWaitForReads_IsCountedApartFromTheWaitForWrites()
    {
        var counter = new StorageRequestCounter();
        var pipeline = HttpPipelineBuilder.Build(new AnyClientOptions { Transport = new SlowTransport(), Retry = { MaxRetries = 0 } }, counter);

        await SendAsync(pipeline, RequestMethod.Get);
        var read = counter.ReadElapsed;
        Assert.Equal(counter.Elapsed, read);

        // Half the transport's delay at least: a timer may fire a little before the stopwatch says it is due.
        Assert.True(read >= SlowTransport.GetWait / 2, $"the read's wait was not counted: {read}");

        await SendAsync(pipeline, RequestMethod.Post);
        Assert.Equal(2, counter.Count);
        Assert.Equal(1, counter.Writes);
        Assert.Equal(read, counter.ReadElapsed); // the write's wait went to the total only
        Assert.True(counter.Elapsed - read >= SlowTransport.WriteWait / 2, $"the write's wait was not counted: {counter.Elapsed - read}");

        counter.Reset();
        Assert.Equal(TimeSpan.Zero, counter.Elapsed);
        Assert.Equal(TimeSpan.Zero, counter.ReadElapsed);
    }

    private static async Task SendAsync(HttpPipeline pipeline, RequestMethod method)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1/devstoreaccount1/Accounts()"));
        await pipeline.SendAsync(message, CancellationToken.None);
    }

    private sealed class AnyClientOptions : ClientOptions;

    /// <summary>Answers a read after 20 ms and a write after 150 ms, with an empty 204.</summary>
    private sealed class SlowTransport : HttpPipelineTransport
    {
        public static readonly TimeSpan GetWait = TimeSpan.FromMilliseconds(20);
        public static readonly TimeSpan WriteWait = TimeSpan.FromMilliseconds(150);

        public override Request CreateRequest() => new HttpClientTransport().CreateRequest();

        public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            await Task.Delay(message.Request.Method == RequestMethod.Get ? GetWait : WriteWait);
            message.Response = new EmptyResponse();
        }
    }

    private sealed class EmptyResponse : Response
    {
        public override int Status => 204;

        public override string ReasonPhrase => "No Content";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = "";
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>
/// Sends generated requests (10,000 by default; <c>FUZZ_COUNT</c>, <c>FUZZ_SEED</c>) to every function: hostile bodies,
/// content types, origins, headers, cookies, methods and paths, and some well-formed ones. No answer is a 5xx, every
/// error is a problem+json with a known code, the processing order of api.md 1.6 holds, and refused input stores nothing.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class ApiFuzzTests(FuzzFixture fuzz, ITestOutputHelper output) : IClassFixture<FuzzFixture>
{
    private const int MaxFailuresShown = 10;

    [Fact]
    public void EveryGeneratedFunction_IsFuzzed_WithItsRouteAndMethod()
    {
        var discovered = FuzzRoutes.Discovered();

        Assert.NotEmpty(discovered);
        var missing = discovered.Where(f => !FuzzRoutes.All.Any(r => r.Function == f.Name)).Select(f => $"{f.Name} ({string.Join(',', f.Methods)} {f.Route})");
        Assert.True(!missing.Any(), $"Functions the fuzzer does not know; add them to FuzzRoutes.All: {string.Join(", ", missing)}");
        foreach (var route in FuzzRoutes.All)
        {
            var function = Assert.Single(discovered, f => f.Name == route.Function);
            Assert.Equal(function.Route, route.Route);
            Assert.Equal(route.Methods.Order(StringComparer.Ordinal), function.Methods.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task GeneratedRequests_GetNo5xx_OnlyKnownProblemCodes_AndRefusedInputStoresNothing()
    {
        var settings = FuzzSettings.FromEnvironment();
        output.WriteLine($"FUZZ_SEED={settings.Seed} FUZZ_COUNT={settings.Count} FUZZ_CONCURRENCY={settings.Concurrency}");
        var generator = new FuzzRequestGenerator(FuzzRoutes.All, fuzz.Sessions, fuzz.Host.BaseAddress, fuzz.Time);
        var stats = new FuzzStats();
        var failures = new ConcurrentQueue<string>();
        var writesBefore = fuzz.Host.StorageRequests.Writes;
        var unattributedBefore = fuzz.Writes.Unattributed;
        using var http = fuzz.Host.CreateClient();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = stop.Token };
            await Parallel.ForEachAsync(Enumerable.Range(0, settings.Count), options, async (index, cancellation) =>
            {
                var request = generator.Create(settings.Seed, index);
                var took = Stopwatch.StartNew();
                var verdict = await SendAsync(http, request, cancellation);
                stats.Add(request, verdict, took.Elapsed);
                if (verdict.Failure is not null)
                {
                    failures.Enqueue($"#{index}: {verdict.Failure}\n{request.Describe()}");
                    if (failures.Count >= MaxFailuresShown)
                    {
                        await stop.CancelAsync();
                    }
                }
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Enough failures to report.
        }

        clock.Stop();
        output.WriteLine($"{stats.Total} requests in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(stats.Summary());
        var rerun = $"FUZZ_SEED={settings.Seed} FUZZ_COUNT={settings.Count}";
        Assert.True(failures.IsEmpty, $"Fuzzing found {failures.Count} failure(s) ({rerun} makes the same requests again):\n\n" + string.Join("\n", failures.Take(MaxFailuresShown)));

        // The writes were all filed under their requests, so "stored nothing" above was measured, not assumed.
        Assert.Equal(unattributedBefore, fuzz.Writes.Unattributed);
        Assert.Empty(fuzz.ErrorLogs.All.Select(e => $"#{e.Request}: {e.Line}"));
        Assert.Equal(fuzz.Host.StorageRequests.Writes - writesBefore, fuzz.Writes.Total);

        // The generator did its job: every function was reached, and most requests were hostile.
        foreach (var route in FuzzRoutes.All)
        {
            Assert.True(stats.RequestsTo(route.Function) >= settings.Count / FuzzRoutes.All.Count / 2, $"{route.Function} got only {stats.RequestsTo(route.Function)} requests ({rerun})");
        }

        Assert.True(stats.Hostile >= stats.Total * 0.7, $"only {stats.Hostile} of {stats.Total} requests were hostile ({rerun})");
    }

    private async Task<FuzzVerdict> SendAsync(HttpClient http, FuzzRequest request, CancellationToken cancellation)
    {
        (int Status, string? MediaType, byte[] Body, bool Whole, string? Location)? answer;
        try
        {
            answer = await AnswerAsync(http, request, cancellation);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            answer = null;
            if (request.Framing is null)
            {
                return new FuzzVerdict(0, null, $"no answer: {exception.Message}");
            }
        }

        var id = request.Index.ToString(CultureInfo.InvariantCulture);
        var writes = fuzz.Writes.Of(id);
        var errors = fuzz.ErrorLogs.Of(id);

        // A hand-framed request may rightly get no answer (its client closed early, or the server reset a broken body):
        // then the error log speaks for it, and, where a body is read before anything else, the storage writes.
        var verdict = answer is var (status, mediaType, body, whole, location)
            ? FuzzVerdict.Judge(request, status, mediaType, body, writes, bodyWhole: whole, location)
            : new FuzzVerdict(0, "(no answer)", request.Framing is null ? "no answer"
                : request.Route.HasBody && request.OnRoute && writes.Count > 0 ? $"no answer after {writes.Count} storage write(s)" : null);
        if (errors.Count > 0)
        {
            verdict = verdict with { Failure = $"{verdict.Failure} | logged as an error: {string.Join("; ", errors)}".TrimStart(' ', '|') };
        }

        return verdict.Failure is null || answer is null ? verdict : verdict with
        {
            Failure = $"{verdict.Failure}\n  answer: {answer.Value.Status} {answer.Value.MediaType} {FuzzRequest.Printable(Encoding.UTF8.GetString(answer.Value.Body), 500)}",
        };
    }

    private async Task<(int Status, string? MediaType, byte[] Body, bool Whole, string? Location)?> AnswerAsync(HttpClient http, FuzzRequest request, CancellationToken cancellation)
    {
        if (request.Framing is not null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            return await FuzzRawSender.SendAsync(fuzz.Host.BaseAddress, request, timeout.Token);
        }

        using var message = request.ToHttpRequest();
        using var response = await http.SendAsync(message, cancellation);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync(cancellation), true, response.Headers.Location?.OriginalString);
    }
}

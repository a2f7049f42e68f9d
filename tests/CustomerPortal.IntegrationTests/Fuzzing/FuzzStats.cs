using System.Collections.Concurrent;
using System.Text;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>Counts of a fuzz run: answers per route and code, and how many requests were hostile, for the test output and the coverage checks.</summary>
public sealed class FuzzStats
{
    private readonly ConcurrentDictionary<(string Route, string Answer), int> answers = new();
    private readonly ConcurrentBag<(TimeSpan Took, string Request)> timings = [];
    private int total;
    private int hostile;

    public int Total => total;

    public int Hostile => hostile;

    public void Add(FuzzRequest request, FuzzVerdict verdict, TimeSpan took)
    {
        timings.Add((took, $"#{request.Index} {request.Method} {request.Route.Function} ({string.Join(", ", request.Hostile)})"));
        Interlocked.Increment(ref total);
        if (request.Hostile.Count > 0)
        {
            Interlocked.Increment(ref hostile);
        }

        answers.AddOrUpdate((request.Route.Function, $"{verdict.Status} {verdict.Code ?? ""}".TrimEnd()), 1, (_, n) => n + 1);
    }

    public int RequestsTo(string function) => answers.Where(a => a.Key.Route == function).Sum(a => a.Value);

    public int Answers(Func<string, bool> code) => answers.Where(a => code(a.Key.Answer)).Sum(a => a.Value);

    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine($"{total} requests, {hostile} hostile in at least one part ({100.0 * hostile / Math.Max(1, total):F1} %)");
        foreach (var answer in answers.GroupBy(a => a.Key.Answer).OrderByDescending(g => g.Sum(a => a.Value)))
        {
            text.AppendLine($"  {answer.Key,-32} {answer.Sum(a => a.Value),6}");
        }

        text.AppendLine("slowest: " + string.Join("; ", timings.OrderByDescending(t => t.Took).Take(3).Select(t => $"{t.Took.TotalMilliseconds:F0} ms {t.Request}")));
        text.AppendLine("per route:");
        foreach (var route in answers.GroupBy(a => a.Key.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"  {route.Key,-18} {route.Sum(a => a.Value),5}: " +
                string.Join(", ", route.OrderByDescending(a => a.Value).Select(a => $"{a.Key.Answer} ×{a.Value}")));
        }

        return text.ToString();
    }
}

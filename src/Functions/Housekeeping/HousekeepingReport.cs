using System.Collections.Concurrent;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>What one housekeeping run removed, by <see cref="HousekeepingKinds"/>, and whether it got through everything.</summary>
public sealed class HousekeepingReport
{
    private readonly ConcurrentDictionary<string, long> removed = new(StringComparer.Ordinal);

    /// <summary>False when the run stopped at its time budget with rows left for the next run.</summary>
    public bool Complete { get; set; }

    public IReadOnlyDictionary<string, long> Removed => removed;

    public long this[string kind] => removed.GetValueOrDefault(kind);

    public void Add(string kind, long count)
    {
        if (count > 0)
        {
            removed.AddOrUpdate(kind, count, (_, total) => total + count);
        }
    }

    public override string ToString() =>
        removed.IsEmpty ? "nothing expired" : string.Join(", ", removed.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Value} {pair.Key}"));
}

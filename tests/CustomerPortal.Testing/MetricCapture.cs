using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CustomerPortal.Functions.Telemetry;

namespace CustomerPortal.Testing;

/// <summary>
/// Records the measurements of the portal's meter (<see cref="PortalMetrics.MeterName"/>) created by one
/// <see cref="IMeterFactory"/> (one host's), so tests running in parallel do not see each other's.
/// </summary>
public sealed class MetricCapture : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> measurements = new();

    public MetricCapture(IMeterFactory scope)
    {
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == PortalMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    public IReadOnlyList<RecordedMeasurement> All => [.. measurements];

    /// <summary>The measurements of one instrument whose tags include every one of <paramref name="tags"/> ("name=value").</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, params string[] tags) =>
        All.Where(m => m.Instrument == instrument && tags.All(tag => m.Has(tag))).ToList();

    /// <summary>The sum of one counter's measurements with the given tags.</summary>
    public double Sum(string instrument, params string[] tags) => Of(instrument, tags).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue?.ToString();
        }

        measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, copy));
    }
}

/// <summary>One measurement: the instrument's name, the value and its dimensions.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    /// <summary>Whether a tag given as <c>name=value</c> is on this measurement.</summary>
    public bool Has(string tag)
    {
        var (name, value) = (tag[..tag.IndexOf('=')], tag[(tag.IndexOf('=') + 1)..]);
        return Tags.TryGetValue(name, out var actual) && actual == value;
    }

    public override string ToString() => $"{Instrument} {Value} {{{string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}}}";
}

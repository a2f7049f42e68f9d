namespace CustomerPortal.SignInBenchmark;

/// <summary>Request latencies in milliseconds, with nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly double[] sorted;

    public Latencies(IEnumerable<double> milliseconds)
    {
        sorted = [.. milliseconds.Order()];
    }

    public int Count => sorted.Length;

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public double Percentile(double percent)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

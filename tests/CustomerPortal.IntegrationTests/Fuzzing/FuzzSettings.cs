using System.Globalization;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>The fuzz run's settings: <c>FUZZ_SEED</c> (default: a new random seed), <c>FUZZ_COUNT</c> (default 10,000), <c>FUZZ_CONCURRENCY</c> (default 16).</summary>
public sealed record FuzzSettings(int Seed, int Count, int Concurrency)
{
    public const int DefaultCount = 10_000;
    public const int DefaultConcurrency = 16;

    public static FuzzSettings FromEnvironment() => new(
        Read("FUZZ_SEED") ?? Random.Shared.Next(),
        Read("FUZZ_COUNT") ?? DefaultCount,
        Read("FUZZ_CONCURRENCY") ?? DefaultConcurrency);

    private static int? Read(string name)
        => Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;
}

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>Derives each request's own random seed from the run's seed, so any request is made again alone, whatever ran in parallel.</summary>
public static class FuzzSeed
{
    // SplitMix64's finaliser: neighbouring inputs give unrelated outputs.
    public static int For(int runSeed, int index)
    {
        var z = ((ulong)(uint)runSeed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}

using CustomerPortal.SignInBenchmark;

// Exit codes: 0 every target met, 1 a target missed, 2 wrong arguments or the run could not finish.
var options = BenchmarkOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

try
{
    var report = await Benchmark.RunAsync(options, Console.Error);
    report.WriteTo(Console.Out);
    return report.MeetsTargets ? 0 : 1;
}
catch (Exception exception)
{
    Console.Error.WriteLine($"The benchmark could not finish: {exception}");
    return 2;
}

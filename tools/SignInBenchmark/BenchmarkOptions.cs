using System.Globalization;

namespace CustomerPortal.SignInBenchmark;

/// <summary>The command line: how long to measure, how many concurrent clients, how many accounts.</summary>
public sealed record BenchmarkOptions(int Seconds, int Clients, int Accounts, int WarmUpSeconds, int Rounds, int AttackSeconds, int AttackRounds, int Attackers, int CustomerShare, int AttackWarmUp)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tools/SignInBenchmark -- [--seconds 20] [--clients N] [--accounts 200] [--rounds 4] [--warm-up 5]
                 [--attack-seconds 8] [--attack-rounds 2] [--attackers N] [--customer-share 50] [--attack-warm-up 3]
          --seconds   how long sign-ins are measured in all. Default: 20.
          --clients   concurrent sign-in clients, each on its own accounts. Default: 4 per core.
          --accounts  accounts seeded (activated, authenticator set up); each is verified once for the TOTP latency. Default: 200.
          --rounds    slices the sign-ins are measured in, each between two slices of the hash limit (half as long), so both
                      see the same machine when other processes come and go. Default: 4.
          --warm-up   seconds of sign-ins before the first slice is measured (1 s before the others). Default: 5.
          --attack-seconds  (e) length of each slice of the attack scenario: customers alone, with an attacker from one address,
                      with an attacker from 256 addresses of one /24. Default: 8.
          --attack-rounds   (e) rounds of those three slices. Default: 2.
          --attackers       (e) the attacker's connections, each sending its next wrong password as soon as it has an answer.
                      Default: 2 per core.
          --customer-share  (e) the customers' paced sign-in rate, in percent of the rate (b) measured. Default: 50.
          --attack-warm-up  (e) seconds the attack runs before the customers start (it spends its free hashes there; they
                      are counted all the same). Default: 3.
        The iteration count is the portal's setting: Passwords__IterationCount in the environment, else 220,000.
        """;

    public static BenchmarkOptions Default => new(20, 4 * Environment.ProcessorCount, 200, 5, 4, 8, 2, 2 * Environment.ProcessorCount, 50, 3);

    /// <summary>Reads the arguments; null (after writing why) when they are wrong or help was asked for.</summary>
    public static BenchmarkOptions? Parse(string[] args, TextWriter error)
    {
        var options = Default;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                error.WriteLine(Usage);
                return null;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                error.WriteLine($"{args[i]} needs a whole number of at least 1.");
                error.WriteLine(Usage);
                return null;
            }

            switch (args[i++])
            {
                case "--seconds": options = options with { Seconds = value }; break;
                case "--clients": options = options with { Clients = value }; break;
                case "--accounts": options = options with { Accounts = value }; break;
                case "--warm-up": options = options with { WarmUpSeconds = value }; break;
                case "--rounds": options = options with { Rounds = value }; break;
                case "--attack-seconds": options = options with { AttackSeconds = value }; break;
                case "--attack-rounds": options = options with { AttackRounds = value }; break;
                case "--attackers": options = options with { Attackers = value }; break;
                case "--customer-share": options = options with { CustomerShare = value }; break;
                case "--attack-warm-up": options = options with { AttackWarmUp = value }; break;
                default:
                    error.WriteLine($"Unknown option {args[i - 1]}.");
                    error.WriteLine(Usage);
                    return null;
            }
        }

        if (options.Accounts < options.Clients)
        {
            error.WriteLine($"--accounts ({options.Accounts}) must be at least --clients ({options.Clients}): every client signs in to accounts of its own.");
            return null;
        }

        return options;
    }
}

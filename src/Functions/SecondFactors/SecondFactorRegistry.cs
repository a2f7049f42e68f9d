using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>The registered second-factor methods (every <see cref="ISecondFactor"/> in DI), found by name, in setup order.</summary>
public sealed class SecondFactorRegistry
{
    private readonly ISecondFactor[] all;

    public SecondFactorRegistry(IEnumerable<ISecondFactor> registered)
    {
        all = [.. registered.OrderBy(factor => factor.SetupOrder ?? int.MaxValue).ThenBy(factor => factor.Name, StringComparer.Ordinal)];
        if (all.Select(factor => factor.Name).Distinct(StringComparer.Ordinal).Count() != all.Length)
        {
            throw new InvalidOperationException("Two second factors have the same name.");
        }
    }

    /// <summary>Every registered factor, methods first in setup order.</summary>
    public IReadOnlyList<ISecondFactor> All => all;

    /// <summary>The factors that are methods of their own (set up, listed and removed): all but recovery codes.</summary>
    public IEnumerable<ISecondFactor> Methods => all.Where(factor => factor.SetupOrder is not null);

    public ISecondFactor? Find(string? name) => all.FirstOrDefault(factor => factor.Name == name);

    /// <summary>The methods the account has, in setup order (<c>sms</c>, <c>totp</c>, <c>passkey</c>).</summary>
    public IReadOnlyList<string> EnrolledMethods(AccountEntity account)
        => [.. Methods.Where(factor => factor.IsEnrolled(account)).Select(factor => factor.Name)];

    /// <summary>Whether the account has any method (recovery codes alone are none).</summary>
    public bool HasAnyMethod(AccountEntity account) => Methods.Any(factor => factor.IsEnrolled(account));

    /// <summary>Whether a proof of <paramref name="factor"/> may be tried: the account has it, or for recovery codes any method.</summary>
    public bool IsUsable(ISecondFactor factor, AccountEntity account)
        => factor.SetupOrder is null ? HasAnyMethod(account) : factor.IsEnrolled(account);

    /// <summary><paramref name="names"/> in setup order.</summary>
    public string[] Ordered(IEnumerable<string> names)
        => [.. names.OrderBy(name => Find(name)?.SetupOrder ?? int.MaxValue)];

    /// <summary>"\"sms\", \"totp\" and \"passkey\"": the names of <paramref name="factors"/> for a validation message.</summary>
    public static string Quote(IEnumerable<ISecondFactor> factors, string lastJoin)
    {
        var names = factors.Select(factor => $"\"{factor.Name}\"").ToList();
        return names.Count <= 1 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} {lastJoin} {names[^1]}";
    }
}

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// What a removal takes away: the whole method, or items of it (a method's own rows, such as passkeys); <paramref name="Everything"/>
/// when the items are all the account has (support's reset).
/// </summary>
public sealed record RemovalTarget(IReadOnlyList<object> Items, bool Everything = false)
{
    /// <summary>The whole method.</summary>
    public static RemovalTarget Whole { get; } = new([], true);
}

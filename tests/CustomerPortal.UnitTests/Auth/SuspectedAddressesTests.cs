using CustomerPortal.Functions.SignIn.Throttling;

namespace CustomerPortal.UnitTests.Auth;

/// <summary>An instance's memory of suspected addresses and ranges (docs/security-rules.md AB11).</summary>
public sealed class SuspectedAddressesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 7, 0, TimeSpan.Zero);
    private static readonly ThrottleWindow Window = ThrottleWindow.At(Now, TimeSpan.FromMinutes(15));
    private static readonly ThrottleAddress Address = new("address-1", "range-1");
    private static readonly ThrottleAddress Neighbour = new("address-2", "range-1");
    private static readonly ThrottleAddress Elsewhere = new("address-3", "range-2");

    [Fact]
    public void Recall_GivesTheAddressOwnDecision_AndTheRangesToEveryAddressOfIt_UntilTheWindowEnds()
    {
        using var suspects = new SuspectedAddresses();
        suspects.Remember(Address, new ThrottleDecision(null, "address"), Window, Now);
        Assert.Equal("address", suspects.Recall(Address, Now)?.Decision.ChallengeFor);
        Assert.Null(suspects.Recall(Neighbour, Now));

        suspects.Remember(Neighbour, new ThrottleDecision("range", null), Window, Now);
        Assert.Equal("range", suspects.Recall(Address, Now)?.Decision.RefusedBy); // the stricter of the two
        Assert.Equal(Window.End, suspects.Recall(Address, Now)?.Until);
        Assert.Null(suspects.Recall(Elsewhere, Now));
        Assert.Null(suspects.Recall(Address, Window.End));
    }

    [Fact]
    public void Remember_KeepsOnlyAddressAndRangeSuspicions_AndNeverTradesARefusalForAChallenge()
    {
        using var suspects = new SuspectedAddresses();
        suspects.Remember(Address, ThrottleDecision.Allowed, Window, Now);
        suspects.Remember(Address, new ThrottleDecision(null, "service"), Window, Now);
        Assert.Null(suspects.Recall(Address, Now));

        suspects.Remember(Address, new ThrottleDecision("address", null), Window, Now);
        suspects.Remember(Address, new ThrottleDecision(null, "address"), Window, Now); // a parallel request's older read
        Assert.Equal("address", suspects.Recall(Address, Now)?.Decision.RefusedBy);
    }

    [Fact]
    public void Forget_DropsTheAddressAndItsRange()
    {
        using var suspects = new SuspectedAddresses();
        suspects.Remember(Address, new ThrottleDecision(null, "range"), Window, Now);
        suspects.Forget(Neighbour);
        Assert.Null(suspects.Recall(Address, Now));
    }
}

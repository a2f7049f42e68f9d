using CustomerPortal.Functions.SignIn.Throttling;

namespace CustomerPortal.UnitTests.Auth;

/// <summary>The sign-in throttle's rules on the counts read (docs/security-rules.md AB1-AB5), with the product's defaults.</summary>
public sealed class ThrottleDecisionTests
{
    private static readonly SignInThrottleOptions Defaults = new();
    private static readonly ThrottleAddress Address = new("a", "r");
    private static readonly ThrottleWindow Window = ThrottleWindow.At(new DateTimeOffset(2026, 11, 28, 12, 7, 0, TimeSpan.Zero), Defaults.Window);

    [Theory]
    [InlineData(0, 0, 0, null, null)]
    [InlineData(9, 9, 0, null, null)]
    [InlineData(10, 10, 0, null, "address")]
    [InlineData(29, 29, 0, null, "address")]
    [InlineData(30, 30, 0, "address", null)]
    [InlineData(0, 29, 0, null, null)]
    [InlineData(0, 30, 0, null, "range")]
    [InlineData(0, 99, 0, null, "range")]
    [InlineData(5, 100, 0, "range", null)]
    [InlineData(0, 0, 18, null, null)] // 18 × 16 shards = 288, under 300
    [InlineData(0, 0, 19, null, "service")] // 19 × 16 = 304
    public void For_AnAddressAndTheService_RefusesOrAsksForAChallengeAtTheirLimits(int address, int range, int shard, string? refusedBy, string? challengeFor)
    {
        var decision = ThrottleDecision.For(Counts(Address, address, range, shard), exempt: false, Defaults);

        Assert.Equal(refusedBy, decision.RefusedBy);
        Assert.Equal(challengeFor, decision.ChallengeFor);
    }

    [Fact]
    public void For_ARememberedDevice_IsNeitherRefusedNorChallenged_WhateverTheCounts()
    {
        Assert.Equal(ThrottleDecision.Allowed, ThrottleDecision.For(Counts(Address, 500, 5000, 1000), exempt: true, Defaults));
    }

    [Fact]
    public void For_AnUnknownAddress_SkipsThePerAddressLimits_ButTheServiceWideOneHolds()
    {
        Assert.Equal(ThrottleDecision.Allowed, ThrottleDecision.For(Counts(null, 500, 5000, 0), exempt: false, Defaults));
        Assert.Equal("service", ThrottleDecision.For(Counts(null, 0, 0, 19), exempt: false, Defaults).ChallengeFor);
    }

    [Fact]
    public void Window_StartsAtAMultipleOfItsLength_AndNamesItsRows()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), Window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 15, 0, TimeSpan.Zero), Window.End);
        Assert.Equal("202611281200", Window.Key);
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:aa:bb:cc:dd:ee:ff", "2001:db8:aa::/48")]
    public void RangeOf_IsTheIpv4Slash24_OrTheIpv6Slash48(string clientIp, string range)
    {
        Assert.Equal(range, ThrottleAddress.RangeOf(Functions.Http.ClientIp.ForLimits(clientIp)!));
    }

    [Fact]
    public void For_TwoAddressesOfOneRange_ShareTheRangeKey_ButNotTheAddressKey_AndAnUnknownAddressHasNone()
    {
        var key = new byte[32];
        var one = ThrottleAddress.For("198.51.100.1", key)!;
        var other = ThrottleAddress.For("198.51.100.254", key)!;
        var sixOne = ThrottleAddress.For("2001:db8:1:1::5", key)!;
        var sixOther = ThrottleAddress.For("2001:db8:1:2::5", key)!;

        Assert.Equal(one.RangeKey, other.RangeKey);
        Assert.NotEqual(one.AddressKey, other.AddressKey);
        Assert.Equal(sixOne.RangeKey, sixOther.RangeKey);
        Assert.NotEqual(sixOne.AddressKey, sixOther.AddressKey);
        Assert.Null(ThrottleAddress.For(Functions.Http.ClientIp.Unknown, key));
        Assert.DoesNotContain("198.51.100", one.AddressKey + one.RangeKey, StringComparison.Ordinal);
    }

    private static ThrottleCounts Counts(ThrottleAddress? address, int own, int range, int shard) =>
        new(address, new CounterRow(own, null), new CounterRow(range, null), 3, new CounterRow(shard, null), Window);
}

using CustomerPortal.Functions.Http;

namespace CustomerPortal.UnitTests.Http;

/// <summary>How per-IP limits (SMS sends, password-reset requests) name a client.</summary>
public sealed class ClientIpTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(ClientIp.Unknown)]
    public void ForLimits_UnknownAddress_IsNull_SoNoOneSharesABucket(string? clientIp)
    {
        Assert.Null(ClientIp.ForLimits(clientIp));
    }

    [Fact]
    public void ForLimits_Ipv4_IsTheAddress()
    {
        Assert.Equal("203.0.113.7", ClientIp.ForLimits("203.0.113.7"));
    }

    [Fact]
    public void ForLimits_Ipv4MappedToIpv6_CountsAsIpv4()
    {
        Assert.Equal("203.0.113.7", ClientIp.ForLimits("::ffff:203.0.113.7"));
    }

    [Fact]
    public void ForLimits_TwoIpv6AddressesOfOneSlash64_CountAsOne()
    {
        var first = ClientIp.ForLimits("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        var second = ClientIp.ForLimits("2001:db8:1:2::1");

        Assert.Equal("2001:db8:1:2::/64", first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, ClientIp.ForLimits("2001:db8:1:3::1"));
    }
}

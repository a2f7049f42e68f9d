using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.Http;

/// <summary>Which client addresses a per-IP limit counts (rule B8): only a public address that is not one of the portal's own proxies.</summary>
public sealed class ClientAddressesTests
{
    private static readonly ClientAddresses Addresses = new(Options.Create(new PortalOptions { TrustedProxies = "198.51.100.0/24, 2001:db8:ffff::/48" }));

    [Theory]
    [InlineData(null, ClientAddresses.Unknown)]
    [InlineData("", ClientAddresses.Unknown)]
    [InlineData(ClientIp.Unknown, ClientAddresses.Unknown)]
    [InlineData("not an address", ClientAddresses.Unknown)]
    [InlineData("127.0.0.1", ClientAddresses.NotPublic)]
    [InlineData("::1", ClientAddresses.NotPublic)]
    [InlineData("10.20.30.40", ClientAddresses.NotPublic)]
    [InlineData("172.16.0.9", ClientAddresses.NotPublic)]
    [InlineData("192.168.1.1", ClientAddresses.NotPublic)]
    [InlineData("100.64.1.1", ClientAddresses.NotPublic)]
    [InlineData("169.254.129.3", ClientAddresses.NotPublic)]
    [InlineData("::ffff:10.0.0.1", ClientAddresses.NotPublic)]
    [InlineData("fd00::d63d:e0b8:bc35:12be", ClientAddresses.NotPublic)]
    [InlineData("fe80::1", ClientAddresses.NotPublic)]
    [InlineData("198.51.100.7", ClientAddresses.Proxy)]
    [InlineData("2001:db8:ffff:1::9", ClientAddresses.Proxy)]
    public void ForLimits_AnAddressThatIsNoCustomers_IsSkippedWithItsReason(string? clientIp, string reason)
    {
        var address = Addresses.ForLimits(clientIp);

        Assert.Null(address.Key);
        Assert.Equal(reason, address.SkipReason);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("172.32.0.1", "172.32.0.1")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    public void ForLimits_APublicAddress_IsCountedAsPerIpLimitsCountIt(string clientIp, string key)
    {
        var address = Addresses.ForLimits(clientIp);

        Assert.Equal(key, address.Key);
        Assert.Null(address.SkipReason);
    }
}

using System.Net;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// Decides whether a request's client address (<see cref="ClientIp.From"/>) can be counted by a per-IP limit (rule B8). It cannot
/// when it is unknown, when it is not a public address (loopback, private, link-local, unique-local, shared CGNAT: a platform hop
/// in front of the portal, never a customer on the internet), or when it is one of the portal's own trusted proxies
/// (<see cref="PortalOptions.TrustedProxies"/>: the forwarded chain ran out at a proxy, so the client is unknown). Counting such an
/// address would put every customer behind that hop into one bucket that anyone could empty; the limit is skipped instead, and
/// the per-phone, per-account and per-email limits still hold. See docs/security-details.md, "Client address in Azure".
/// </summary>
public sealed class ClientAddresses(IOptions<PortalOptions> portal)
{
    /// <summary>The skip reason when no address is known.</summary>
    public const string Unknown = "unknown";

    /// <summary>The skip reason for an address that is not public: a platform hop.</summary>
    public const string NotPublic = "not_public";

    /// <summary>The skip reason for an address of a configured trusted proxy.</summary>
    public const string Proxy = "proxy";

    // IPv4: "this network", private, shared (CGNAT), loopback, link-local, private, private, multicast and reserved up to broadcast.
    // IPv6: unspecified and loopback, unique-local, link-local and site-local (fe80::/10 and fec0::/10), multicast.
    private static readonly IPNetwork[] NotPublicNetworks =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/127"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/9"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly Lazy<IReadOnlyList<IPNetwork>> proxies = new(() => TrustedProxySetup.Parse(portal.Value.TrustedProxies));

    /// <summary>The key a per-IP limit counts <paramref name="clientIp"/> by (<see cref="ClientIp.ForLimits"/>), or why it cannot.</summary>
    public LimitAddress ForLimits(string? clientIp)
    {
        if (string.IsNullOrWhiteSpace(clientIp) || clientIp == ClientIp.Unknown || !IPAddress.TryParse(clientIp.Trim(), out var address))
        {
            return LimitAddress.Skip(Unknown);
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (NotPublicNetworks.Any(network => network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address)))
        {
            return LimitAddress.Skip(NotPublic);
        }

        if (proxies.Value.Any(network => network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address)))
        {
            return LimitAddress.Skip(Proxy);
        }

        return new LimitAddress(ClientIp.ForLimits(address.ToString()), null);
    }
}

/// <summary>What a per-IP limit counts: <paramref name="Key"/>, or nothing, for <paramref name="SkipReason"/>.</summary>
public readonly record struct LimitAddress(string? Key, string? SkipReason)
{
    public static LimitAddress Skip(string reason) => new(null, reason);
}

using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// Adds <see cref="PortalOptions.TrustedProxies"/> to the hops whose <c>X-Forwarded-For</c> entry the forwarded-headers step
/// believes. Loopback (the Functions host in front of the worker) is trusted by ASP.NET Core's defaults; nothing else is unless configured.
/// </summary>
public sealed class TrustedProxySetup(IOptions<PortalOptions> portal) : IPostConfigureOptions<ForwardedHeadersOptions>
{
    public void PostConfigure(string? name, ForwardedHeadersOptions options)
    {
        // Walk the whole chain of trusted hops, however long; it stops at the first address that is not trusted.
        options.ForwardLimit = null;
        foreach (var network in Parse(portal.Value.TrustedProxies))
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    /// <summary>The networks in a comma-separated list of addresses (<c>10.0.0.4</c>) and CIDR ranges (<c>10.0.0.0/16</c>).</summary>
    public static IReadOnlyList<IPNetwork> Parse(string value)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new FormatException($"Portal:TrustedProxies: '{entry}' is neither an IP address nor a CIDR range.");
            }
        }

        return networks;
    }
}

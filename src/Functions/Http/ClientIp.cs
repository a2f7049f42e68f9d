using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// The caller's IP address for limits and the audit log: the connection's address after the forwarded-headers step,
/// which walks <c>X-Forwarded-For</c> from the right only through the hops configured as trusted (the Functions host on
/// loopback, and <see cref="PortalOptions.TrustedProxies"/>). Entries a client wrote into the header itself are never used.
/// </summary>
public static class ClientIp
{
    /// <summary>What <see cref="From"/> answers when the address is not known.</summary>
    public const string Unknown = "unknown";

    public static string From(HttpRequest request)
    {
        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (address is null)
        {
            return Unknown;
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>
    /// The address as per-IP limits count it, or null when it is not known (then a per-IP limit is skipped rather than
    /// shared by everyone unknown). One IPv6 customer usually holds a whole /64, so counting single addresses would let
    /// one attacker rotate through billions of them: an IPv6 address counts as its /64. IPv4-mapped addresses count as IPv4.
    /// </summary>
    public static string? ForLimits(string? clientIp)
    {
        if (string.IsNullOrWhiteSpace(clientIp) || clientIp == Unknown)
        {
            return null;
        }

        var trimmed = clientIp.Trim();
        if (!IPAddress.TryParse(trimmed, out var address))
        {
            return trimmed;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

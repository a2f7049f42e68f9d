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
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>
/// A client address as the sign-in throttle counts it: the address as every per-IP limit counts it (<see cref="ClientIp.ForLimits"/>:
/// IPv4, or an IPv6 /64) and its range (IPv4 /24, IPv6 /48), both only as keyed hashes. Null when the address is not known.
/// </summary>
public sealed record ThrottleAddress(string AddressKey, string RangeKey)
{
    /// <summary>The range an address counts in: its IPv4 /24 or IPv6 /48 (as text), or the address itself when it is not an IP.</summary>
    public static string RangeOf(string forLimits)
    {
        var text = forLimits.EndsWith("/64", StringComparison.Ordinal) ? forLimits[..^3] : forLimits;
        if (!IPAddress.TryParse(text, out var address))
        {
            return forLimits;
        }

        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 3;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes) + (keep == 6 ? "/48" : "/24");
    }

    /// <summary>The keys of <paramref name="clientIp"/> (as <see cref="ClientIp.From"/> gives it), or null when it is unknown.</summary>
    public static ThrottleAddress? For(string clientIp, byte[] hashKey)
    {
        if (ClientIp.ForLimits(clientIp) is not { } counted)
        {
            return null;
        }

        return new ThrottleAddress(Hash(hashKey, "address:" + counted), Hash(hashKey, "range:" + RangeOf(counted)));
    }

    // Keyed, not plain SHA-256: the IPv4 space is small enough to hash whole, so a plain hash would name every address.
    private static string Hash(byte[] key, string value) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
}

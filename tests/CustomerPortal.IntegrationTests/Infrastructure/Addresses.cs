using CustomerPortal.Testing;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>Client addresses for tests of per-IP limits: the local host believes the loopback hop's X-Forwarded-For (rule B4).</summary>
public static class Addresses
{
    /// <summary>An IPv6 address in its own /64 of the documentation range, so no two tests share a per-IP count.</summary>
    public static string NewClientIp() => $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}::1";

    /// <summary>Makes every request of <paramref name="client"/> come from <paramref name="ip"/>.</summary>
    public static PortalClient From(this PortalClient client, string ip)
    {
        client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return client;
    }
}

namespace CustomerPortal.LocalHost;

/// <summary>Settings of the local development host. Bound from the <c>LocalHost</c> configuration section.</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>The address to listen on. Default: <c>http://localhost:7071</c>, the Functions default. Setting: <c>LocalHost__Url</c>.</summary>
    public string Url { get; set; } = "http://localhost:7071";

    /// <summary>
    /// The function key the local host asks of <c>authLevel: function</c> routes (<c>x-functions-key</c> header or <c>code</c>
    /// query). Default: empty, keys not checked (as <c>func start</c>). Setting: <c>LocalHost__FunctionKey</c>.
    /// </summary>
    public string FunctionKey { get; set; } = "";

    /// <summary>
    /// The <c>AllowedHosts</c> the local host uses when none is configured: the host of <paramref name="url"/> and of the public
    /// origin, and the loopback names. A wildcard address (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) adds nothing: set
    /// <c>AllowedHosts</c> to the names you use when listening on every interface.
    /// </summary>
    public static string AllowedHostsFor(string url, string? publicOrigin)
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        foreach (var address in new[] { url, publicOrigin })
        {
            var host = HostOf(address);
            if (host is not null && host is not ("*" or "+" or "0.0.0.0" or "[::]") && !hosts.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(host);
            }
        }

        return string.Join(';', hosts);
    }

    private static string? HostOf(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        // Kestrel's "http://*:7071" and "http://+:7071" are not URIs.
        var withoutScheme = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        var authority = withoutScheme.Split('/')[0];
        if (authority.StartsWith('['))
        {
            return authority[..(authority.IndexOf(']') + 1)];
        }

        return authority.Split(':')[0];
    }
}

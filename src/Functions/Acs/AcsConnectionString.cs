using System.Diagnostics.CodeAnalysis;

namespace CustomerPortal.Functions.Acs;

/// <summary>The two parts of an ACS connection string: <c>endpoint=https://…/;accesskey=…</c>.</summary>
public sealed record AcsConnectionString(Uri Endpoint, byte[] AccessKey)
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out AcsConnectionString? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        string? endpoint = null;
        string? accessKey = null;
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: a Base64 key ends in '=' padding.
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            var name = part[..equals].Trim();
            var text = part[(equals + 1)..].Trim();
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase))
            {
                endpoint = text;
            }
            else if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase))
            {
                accessKey = text;
            }
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        var key = new byte[((accessKey?.Length ?? 0) * 3 / 4) + 3];
        if (string.IsNullOrEmpty(accessKey) || !Convert.TryFromBase64String(accessKey, key, out var length) || length == 0)
        {
            return false;
        }

        result = new AcsConnectionString(uri, key[..length]);
        return true;
    }

    // Whatever formats this object (a log, an exception message, a debugger) must never show the key.
    public override string ToString() => $"endpoint={Endpoint}";
}

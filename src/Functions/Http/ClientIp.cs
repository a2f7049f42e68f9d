using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// The caller's IP address for limits and the audit log: the right-most <c>X-Forwarded-For</c> entry
/// (the one Azure's front end added; entries to its left are the client's own claims), else the connection's address.
/// </summary>
public static class ClientIp
{
    /// <summary>What <see cref="From"/> answers when the address is not known.</summary>
    public const string Unknown = "unknown";

    public static string From(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (last is not null && System.Net.IPEndPoint.TryParse(last, out var endPoint))
            {
                return endPoint.Address.ToString();
            }
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? Unknown;
    }
}

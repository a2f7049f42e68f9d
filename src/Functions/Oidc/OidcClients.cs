using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Oidc;

/// <summary>The registered apps, from configuration: who they are, where codes and logouts may go, and their secrets.</summary>
public sealed class OidcClients(IOptions<OidcOptions> options)
{
    private readonly Dictionary<string, OidcClientOptions> byId = options.Value.Clients.ToDictionary(client => client.ClientId, StringComparer.Ordinal);

    public IReadOnlyCollection<OidcClientOptions> All => byId.Values;

    public OidcClientOptions? Find(string? clientId) => clientId is not null && byId.TryGetValue(clientId, out var client) ? client : null;

    /// <summary>Only an exact, registered redirect URI (RFC 9700 2.1: no pattern, no prefix).</summary>
    public static bool IsRegisteredRedirect(OidcClientOptions client, string? redirectUri)
        => redirectUri is not null && client.RedirectUriList.Any(uri => string.Equals(uri.OriginalString, redirectUri, StringComparison.Ordinal));

    public static bool IsRegisteredPostLogoutRedirect(OidcClientOptions client, string? redirectUri)
        => redirectUri is not null && client.PostLogoutRedirectUriList.Any(uri => string.Equals(uri.OriginalString, redirectUri, StringComparison.Ordinal));

    /// <summary>Compares a presented secret with the configured one in constant time (over their SHA-256, so lengths leak nothing).</summary>
    public static bool SecretMatches(OidcClientOptions client, string? presented)
        => !client.IsPublic && presented is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(client.ClientSecret)));

    /// <summary>Whether <paramref name="origin"/> is the origin of a public client's pages (CORS for the token, userinfo and revocation endpoints).</summary>
    public bool IsBrowserOrigin(string? origin)
        => !string.IsNullOrEmpty(origin) && byId.Values.Any(client => client.BrowserOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase));
}

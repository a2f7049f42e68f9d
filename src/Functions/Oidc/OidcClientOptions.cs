namespace CustomerPortal.Functions.Oidc;

/// <summary>One app registered with the provider (<c>Oidc:Clients:{n}</c>). Lists are space- or comma-separated URIs.</summary>
public sealed class OidcClientOptions
{
    public const string Confidential = "confidential";
    public const string Public = "public";

    /// <summary>The client id the app sends (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>). Required.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The app's name as customers know it ("Inventory Portal"); the account page shows it. Required.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary><c>confidential</c> (a server that keeps <see cref="ClientSecret"/>) or <c>public</c> (a single page or native app, PKCE only). Default: confidential.</summary>
    public string Type { get; set; } = Confidential;

    /// <summary>A confidential client's secret, at least 32 characters (a Key Vault reference in Azure). A public client has none.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Where codes may be sent: exact, absolute URIs (https, or http on loopback for development). Required.</summary>
    public string RedirectUris { get; set; } = "";

    /// <summary>Where the end-session endpoint may send the browser after signing out. Default: none.</summary>
    public string PostLogoutRedirectUris { get; set; } = "";

    /// <summary>OpenID Connect Back-Channel Logout 1.0: where logout tokens are posted when the customer's portal session ends. Default: none.</summary>
    public string BackChannelLogoutUri { get; set; } = "";

    /// <summary>The app's start page; when set, the account page links to it. Default: none.</summary>
    public string AppUrl { get; set; } = "";

    public bool IsPublic => string.Equals(Type, Public, StringComparison.Ordinal);

    public IReadOnlyList<Uri> RedirectUriList => Parse(RedirectUris);

    public IReadOnlyList<Uri> PostLogoutRedirectUriList => Parse(PostLogoutRedirectUris);

    /// <summary>The origins of a public client's redirect URIs: its pages call the token, userinfo and revocation endpoints from there (CORS).</summary>
    public IReadOnlyList<string> BrowserOrigins => IsPublic
        ? [.. RedirectUriList.Select(uri => uri.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase)]
        : [];

    /// <summary>What is wrong with this registration, in words an operator can act on.</summary>
    public IEnumerable<string> Problems()
    {
        if (ClientId.Length is 0 or > 100 || !ClientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return "ClientId must be 1 to 100 letters, digits, '-', '_' or '.'.";
        }

        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            yield return "set DisplayName.";
        }

        if (Type is not (Confidential or Public))
        {
            yield return $"Type must be '{Confidential}' or '{Public}'.";
        }
        else if (IsPublic && ClientSecret.Length > 0)
        {
            yield return "a public client has no ClientSecret.";
        }
        else if (!IsPublic && ClientSecret.Length < 32)
        {
            yield return "a confidential client needs a ClientSecret of at least 32 characters.";
        }

        if (Split(RedirectUris).Count == 0)
        {
            yield return "set at least one RedirectUris entry.";
        }

        foreach (var value in Split(RedirectUris).Concat(Split(PostLogoutRedirectUris)).Concat(Split(BackChannelLogoutUri)).Concat(Split(AppUrl)))
        {
            if (!IsAllowedUri(value))
            {
                yield return $"'{value}' must be an absolute https URI without a fragment (http only on localhost or a loopback address).";
            }
        }
    }

    private static bool IsAllowedUri(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && uri.Fragment.Length == 0
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost")));

    private static List<string> Split(string value)
        => [.. value.Split([' ', ',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static IReadOnlyList<Uri> Parse(string value) => [.. Split(value).Select(entry => new Uri(entry, UriKind.Absolute))];
}

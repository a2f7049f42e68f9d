using System.Text;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>
/// Requests for the OpenID Connect endpoints, which speak OAuth's wire format (query strings and form bodies, not JSON): the
/// parameters of each endpoint with well-formed values for the two apps the fuzz host registers, near misses (an unregistered
/// redirect URI, plain PKCE, a forged id token), and hostile encodings (duplicates, bad percent-escapes, huge values).
/// </summary>
public static class FuzzOidcRequests
{
    public const string ConfidentialClient = "fuzz-confidential";
    public const string ConfidentialSecret = "fuzz-confidential-secret-0123456789abcdef";
    public const string PublicClient = "fuzz-public";
    public const string ConfidentialRedirect = "https://inventory.example/signin-oidc";
    public const string ConfidentialPostLogout = "https://inventory.example/signout-callback-oidc";
    public const string PublicRedirect = "http://127.0.0.1:5902/callback.html";

    /// <summary>Where the provider may send a browser: the registered redirect and post-logout URIs.</summary>
    public static IReadOnlyList<string> RegisteredTargets { get; } = [ConfidentialRedirect, ConfidentialPostLogout, PublicRedirect];

    /// <summary>The fuzz host's registrations (<c>Oidc:Clients</c>).</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Oidc:Clients:0:ClientId"] = ConfidentialClient,
        ["Oidc:Clients:0:DisplayName"] = "Fuzz Inventory",
        ["Oidc:Clients:0:ClientSecret"] = ConfidentialSecret,
        ["Oidc:Clients:0:RedirectUris"] = ConfidentialRedirect,
        ["Oidc:Clients:0:PostLogoutRedirectUris"] = ConfidentialPostLogout,
        ["Oidc:Clients:0:AppUrl"] = "https://inventory.example/",
        ["Oidc:Clients:1:ClientId"] = PublicClient,
        ["Oidc:Clients:1:DisplayName"] = "Fuzz Claims",
        ["Oidc:Clients:1:Type"] = "public",
        ["Oidc:Clients:1:RedirectUris"] = PublicRedirect,
    };

    private static readonly string[] FormTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
        "APPLICATION/X-WWW-FORM-URLENCODED", "application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=utf-16",
        ";;;", "application/x-www-form-urlencoded; boundary=",
    ];

    /// <summary>The query string (with its <c>?</c>, or empty) and the body for a request to an OIDC endpoint; hostile parts are named in <paramref name="hostile"/>.</summary>
    public static (string Query, string? ContentType, byte[]? Body) Create(FuzzRoute route, string method, Random random, List<KeyValuePair<string, string>> headers, List<string> hostile)
    {
        var wellFormed = random.Chance(0.3);
        if (!wellFormed)
        {
            hostile.Add("oidc-parameters");
        }

        var parameters = route.Function switch
        {
            "OidcAuthorize" => Authorize(random, wellFormed),
            "OidcToken" => Token(random, wellFormed, headers),
            "OidcRevoke" => Revoke(random, wellFormed, headers),
            "OidcUserInfo" => UserInfo(random, wellFormed, headers),
            "OidcEndSession" => EndSession(random, wellFormed),
            _ => wellFormed ? [] : [new("x", FuzzValues.OddString(random))],
        };

        if (!wellFormed)
        {
            Spoil(parameters, random);
        }

        if (method == "OPTIONS")
        {
            headers.Add(KeyValuePair.Create("Access-Control-Request-Method", random.Pick(["POST", "GET", "DELETE"])));
            headers.Add(KeyValuePair.Create("Access-Control-Request-Headers", random.Pick(["content-type", "authorization", "x-evil"])));
            if (random.Chance(0.7))
            {
                headers.Add(KeyValuePair.Create("Origin", random.Pick(["http://127.0.0.1:5902", "https://evil.example", "null", "http://127.0.0.1:5903"])));
            }

            return ("", null, null);
        }

        var encoded = Encode(parameters, random, wellFormed);
        if (method == "GET" || random.Chance(0.15))
        {
            return (encoded.Length == 0 ? "" : "?" + encoded, null, null);
        }

        var contentType = wellFormed ? FormTypes[0] : random.Pick(FormTypes);
        if (contentType != FormTypes[0])
        {
            hostile.Add("content-type");
        }

        return ("", contentType, Encoding.UTF8.GetBytes(encoded));
    }

    private static List<KeyValuePair<string, string>> Authorize(Random random, bool wellFormed)
    {
        var confidential = random.Chance(0.5);
        var list = new List<KeyValuePair<string, string>>
        {
            new("client_id", wellFormed || random.Chance(0.6) ? (confidential ? ConfidentialClient : PublicClient) : random.Pick(["nobody", "", ConfidentialClient.ToUpperInvariant(), FuzzValues.OddString(random)])),
            new("redirect_uri", wellFormed || random.Chance(0.4) ? (confidential ? ConfidentialRedirect : PublicRedirect) : RedirectNearMiss(random)),
            new("response_type", wellFormed || random.Chance(0.5) ? "code" : random.Pick(["token", "id_token", "code id_token", "code token", "none", "CODE", ""])),
            new("scope", random.Pick(["openid", "openid profile email claims offline_access", "openid profile", "openid email"])),
            new("state", random.Base64UrlText(random.Next(8, 40))),
            new("nonce", random.Base64UrlText(22)),
            new("code_challenge", random.Base64UrlText(43)),
            new("code_challenge_method", wellFormed || random.Chance(0.5) ? "S256" : random.Pick(["plain", "s256", "S512", ""])),
        };

        foreach (var (name, values) in new (string, string[])[]
        {
            ("prompt", ["none", "login", "consent", "select_account", "none login", "create"]),
            ("max_age", ["0", "60", "86400", "-1", "abc", "99999999999999999999"]),
            ("acr_values", ["phr", "mfa", "pwd", "phr mfa", "urn:gold", ""]),
            ("response_mode", ["query", "fragment", "form_post", "query.jwt", "web_message"]),
            ("login_hint", ["someone@example.com", ""]),
            ("ui_locales", ["fr-CA", "es-US en", "zz"]),
            ("portal_fresh_after", ["0", "4102444800", "-5", "soon"]),
            ("request", ["eyJhbGciOiJub25lIn0.e30.", "x"]),
            ("request_uri", ["urn:ietf:params:oauth:request_uri:abc", "https://evil.example/r"]),
        })
        {
            if (random.Chance(wellFormed ? 0.08 : 0.2))
            {
                list.Add(new(name, random.Pick(values)));
            }
        }

        return list;
    }

    private static List<KeyValuePair<string, string>> Token(Random random, bool wellFormed, List<KeyValuePair<string, string>> headers)
    {
        var confidential = random.Chance(0.5);
        var list = new List<KeyValuePair<string, string>>
        {
            new("grant_type", wellFormed || random.Chance(0.6) ? random.Pick(["authorization_code", "refresh_token"])
                : random.Pick(["password", "client_credentials", "implicit", "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange", ""])),
            new("code", TokenLike(random)),
            new("code_verifier", random.Base64UrlText(random.Pick([43, 43, 42, 129]))),
            new("redirect_uri", confidential ? ConfidentialRedirect : PublicRedirect),
            new("refresh_token", TokenLike(random)),
        };
        Client(list, random, confidential, headers);
        return list;
    }

    private static List<KeyValuePair<string, string>> Revoke(Random random, bool wellFormed, List<KeyValuePair<string, string>> headers)
    {
        var list = new List<KeyValuePair<string, string>> { new("token", TokenLike(random)) };
        if (random.Chance(0.5))
        {
            list.Add(new("token_type_hint", random.Pick(["refresh_token", "access_token", "id_token", "x"])));
        }

        Client(list, random, random.Chance(0.5), headers);
        return list;
    }

    private static List<KeyValuePair<string, string>> UserInfo(Random random, bool wellFormed, List<KeyValuePair<string, string>> headers)
    {
        if (random.Chance(0.6))
        {
            // Header values are ASCII (HttpClient sends nothing else).
            var token = TokenLike(random);
            token = token.All(char.IsAscii) ? token : random.Base64UrlText(43);
            headers.Add(KeyValuePair.Create("Authorization", random.Pick(["Bearer " + token, "Bearer", "Basic Og==", "bearer " + random.Base64UrlText(40)])));
            return [];
        }

        return random.Chance(0.5) ? [new("access_token", TokenLike(random))] : [];
    }

    private static List<KeyValuePair<string, string>> EndSession(Random random, bool wellFormed)
    {
        var list = new List<KeyValuePair<string, string>>
        {
            new("id_token_hint", TokenLike(random)),
            new("post_logout_redirect_uri", wellFormed || random.Chance(0.5) ? ConfidentialPostLogout : RedirectNearMiss(random)),
            new("state", random.Base64UrlText(16)),
        };
        if (random.Chance(0.4))
        {
            list.Add(new("client_id", random.Pick([ConfidentialClient, PublicClient, "nobody"])));
        }

        return list;
    }

    private static void Client(List<KeyValuePair<string, string>> list, Random random, bool confidential, List<KeyValuePair<string, string>> headers)
    {
        var id = confidential ? ConfidentialClient : PublicClient;
        var secret = confidential ? random.Pick([ConfidentialSecret, ConfidentialSecret + "x", "", "short"]) : null;
        if (confidential && random.Chance(0.3))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret!)}"));
            headers.Add(KeyValuePair.Create("Authorization", random.Chance(0.8) ? "Basic " + basic : "Basic " + random.Base64UrlText(30)));
            return;
        }

        list.Add(new("client_id", random.Chance(0.8) ? id : random.Pick(["nobody", "", PublicClient + " "])));
        if (secret is not null || random.Chance(0.1))
        {
            list.Add(new("client_secret", secret ?? "a-secret-for-a-public-client"));
        }
    }

    /// <summary>A code, token or id token the provider never issued: random, JWT- or JWE-shaped, an unsigned JWT, or odd text.</summary>
    private static string TokenLike(Random random) => random.Next(6) switch
    {
        0 => random.Base64UrlText(43),
        1 => string.Join('.', Enumerable.Range(0, 5).Select(_ => random.Base64UrlText(random.Next(10, 80)))),
        2 => "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + Convert.ToBase64String(Encoding.UTF8.GetBytes(
            "{\"iss\":\"http://localhost:7071/api/oidc\",\"sub\":\"x\",\"aud\":\"" + ConfidentialClient + "\",\"exp\":4102444800}")).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".",
        3 => "eyJhbGciOiJFUzI1NiIsImtpZCI6ImRldiJ9." + random.Base64UrlText(120) + "." + random.Base64UrlText(86),
        4 => "",
        _ => FuzzValues.OddString(random),
    };

    private static string RedirectNearMiss(Random random) => random.Pick(
    [
        "https://evil.example/callback", ConfidentialRedirect + "/x", ConfidentialRedirect + "?next=https://evil.example", ConfidentialRedirect.ToUpperInvariant(),
        "https://inventory.example.evil.example/signin-oidc", "https://inventory.example@evil.example/signin-oidc", "javascript:alert(1)", "//evil.example/cb",
        "http://inventory.example/signin-oidc", PublicRedirect + "#x", "data:text/html,hi", "", "https://evil.example/" + new string('a', 3000),
    ]);

    /// <summary>Breaks a parameter list: a duplicate, a value replaced by odd text, a name in another case, one dropped, or hundreds more.</summary>
    private static void Spoil(List<KeyValuePair<string, string>> parameters, Random random)
    {
        switch (random.Next(6))
        {
            case 0 when parameters.Count > 0:
                var copy = random.Pick(parameters);
                parameters.Insert(random.Next(parameters.Count + 1), new(copy.Key, random.Chance(0.5) ? copy.Value : FuzzValues.OddString(random)));
                break;
            case 1 when parameters.Count > 0:
                var index = random.Next(parameters.Count);
                parameters[index] = new(parameters[index].Key, FuzzValues.OddString(random));
                break;
            case 2 when parameters.Count > 0:
                var renamed = random.Next(parameters.Count);
                parameters[renamed] = new(parameters[renamed].Key.ToUpperInvariant(), parameters[renamed].Value);
                break;
            case 3 when parameters.Count > 0:
                parameters.RemoveAt(random.Next(parameters.Count));
                break;
            case 4:
                parameters.AddRange(Enumerable.Range(0, random.Pick([50, 300, 2000])).Select(i => new KeyValuePair<string, string>("p" + i, random.Hex(8))));
                break;
            default:
                parameters.Add(new(random.Pick(["__proto__", "", "a[b]", "client_id[]", "\u00e9"]), FuzzValues.OddString(random)));
                break;
        }
    }

    private static string Encode(List<KeyValuePair<string, string>> parameters, Random random, bool wellFormed)
    {
        var text = string.Join('&', parameters.Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value)));
        if (wellFormed || !random.Chance(0.3))
        {
            return text;
        }

        // Raw bytes the escaping above never makes.
        return random.Next(5) switch
        {
            0 => text + "&bad=%ZZ%",
            1 => text + "&nul=%00&ff=%FF%FE",
            2 => "&&&=&" + text + "&&",
            3 => text + "&" + new string('a', 20_000) + "=1",
            _ => text.Replace("=", "==", StringComparison.Ordinal),
        };
    }
}

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>
/// Makes request number <c>index</c> of a run from the run's seed alone. Most requests are hostile in at least one part
/// (body, Content-Type, origin, cookie, headers, method or path); the rest are well-formed, so that deeper rules are reached too.
/// </summary>
public sealed class FuzzRequestGenerator(IReadOnlyList<FuzzRoute> routes, FuzzSessions sessions, Uri baseAddress, TimeProvider? clock = null)
{
    private const string CookieName = "__Host-portal_session";

    /// <summary>Share of sign-in bodies let through well-formed: each costs a PBKDF2 hash (about 4 in 10,000 requests).</summary>
    private const double WellFormedSignInShare = 0.008;

    private static readonly string[] JsonContentTypes =
        ["application/json", "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;charset=UTF-8", "Application/Json; Charset=Utf-8"];

    private static readonly string?[] NotJsonContentTypes =
    [
        null, "text/plain", "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json",
        "application/jsonp", "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=utf8",
        "application/xml", "*/*", "application/*", ";;;", "application/json; charset=", "json",
    ];

    /// <summary>Content types where the rule leaves room (quoting, repeated or unusual parameters): any body answer is accepted.</summary>
    private static readonly string[] UnclearContentTypes =
    [
        "application/json; charset=\"utf-8\"", "application/json ; charset = utf-8", "application/json; charset=utf-8; charset=utf-16",
        "application/json, text/plain", "application/json; boundary=x", "application/json\t", "application/json; q=0.5", "application/ json",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "PROPFIND", "FOO"];

    private readonly string ownOrigin = baseAddress.GetLeftPart(UriPartial.Authority);

    public FuzzRequest Create(int seed, int index)
    {
        var random = new Random(FuzzSeed.For(seed, index));
        var route = random.Pick(routes);
        var hostile = new List<string>();
        var headers = new List<KeyValuePair<string, string>>();

        var (method, target, onRoute) = Target(route, random, hostile);
        var originAllowed = Origin(random, headers, hostile);
        var cookie = Cookie(route, random, hostile);
        if (cookie.Header is not null)
        {
            headers.Add(KeyValuePair.Create("Cookie", cookie.Header));
        }

        if (random.Chance(0.2))
        {
            OddHeader(random, headers, hostile);
        }

        // The support API refuses every call without an agent's bearer token: most get a supervisor's token of the shared fake
        // tenant, so its route and body rules are reached; some a token that is not one.
        if (route.Route.StartsWith("support/", StringComparison.Ordinal) && random.Chance(0.7))
        {
            var token = random.Chance(0.9) ? CustomerPortal.Testing.FakeEntraIssuer.SharedSupervisorToken("fuzz-agent-" + random.Next(1000), now: (clock ?? TimeProvider.System).GetUtcNow()) : "not." + random.Next(1000) + ".a-token";
            headers.Add(KeyValuePair.Create("Authorization", "Bearer " + token));
        }

        string? contentType = null;
        bool? contentTypeIsJson = null;
        byte[]? body = null;
        if (route.Oidc && onRoute)
        {
            if (random.Chance(0.3))
            {
                method = random.Pick(route.Methods);
            }

            (var query, contentType, body) = FuzzOidcRequests.Create(route, method, random, headers, hostile);
            target += target.Contains('?', StringComparison.Ordinal) && query.Length > 0 ? "&" + query[1..] : query;
        }
        else if (route.HasBody)
        {
            if (random.Chance(0.12))
            {
                contentType = random.Chance(0.8) ? random.Pick(NotJsonContentTypes) : random.Pick(UnclearContentTypes);
                contentTypeIsJson = NotJsonContentTypes.Contains(contentType) ? false : null;
                hostile.Add("content-type");
            }
            else
            {
                contentType = random.Pick(JsonContentTypes);
                contentTypeIsJson = true;
            }

            var hostileBody = route.HashesPasswords ? !random.Chance(WellFormedSignInShare) : random.Chance(0.7);
            (body, var family) = FuzzBodies.Create(route, random, sessions, hostileBody);
            if (family is not null)
            {
                hostile.Add("body:" + family);
            }
        }
        else if (random.Chance(0.2))
        {
            body = FuzzBodies.Junk(random);
            contentType = random.Pick(JsonContentTypes.Concat(NotJsonContentTypes).ToArray());
        }

        var chunked = body is not null && random.Chance(0.1);
        string? framing = null;
        if (body is not null && random.Chance(0.03))
        {
            framing = random.Pick(FuzzRawSender.Framings);
            hostile.Add("framing:" + framing);
        }

        return new FuzzRequest(index, route, method, target, onRoute, headers, contentType, contentTypeIsJson, body, chunked, cookie, originAllowed, hostile, framing);
    }

    /// <summary>Values for a route parameter (<c>{method}</c>): the ones it takes, near misses, and odd segments that still match the route.</summary>
    private static readonly string[] RouteValues = ["sms", "totp", "sms", "totp", "recovery", "TOTP", "Sms", "email", "totp%20", "%74otp", "sms.json", "*", "%E2%80%AE", "t%D0%BEtp", new string('m', 300)];

    private static (string Method, string Target, bool OnRoute) Target(FuzzRoute route, Random random, List<string> hostile)
    {
        var value = random.Pick(RouteValues);
        if (route.Route.Contains('{', StringComparison.Ordinal) && Array.IndexOf(RouteValues, value) > 3)
        {
            hostile.Add("route-value");
        }

        var path = route.PathWith(value);
        var routeText = path["/api/".Length..];
        if (random.Chance(0.05))
        {
            hostile.Add("method");
            return (random.Pick(Methods.Where(m => m != route.Method).ToArray()), path, false);
        }

        if (random.Chance(0.05))
        {
            hostile.Add("path");
            var offRoute = random.Next(9) switch
            {
                0 => path + "/extra",
                1 => path + "x",
                2 => "/api//" + routeText,
                3 => path + "%2F",
                4 => "/api/no-such-function",
                5 => "/api/" + new string('a', 2000),
                6 => "/api/%E2%80%AE" + routeText,
                7 => path + "/",
                _ => "/api/" + routeText + "%20",
            };
            return (route.Method, offRoute, false);
        }

        if (random.Chance(0.08))
        {
            // Still the same function: routes ignore case, and the functions read no query string.
            hostile.Add("query");
            var variant = random.Next(4) switch
            {
                0 => path + "?code=123456&email=a%40example.com&methods=totp",
                1 => path + "?%00=%FF&__proto__=1&x=" + new string('q', 1000),
                2 => "/API/" + routeText.ToUpperInvariant(),
                _ => path + "?",
            };
            return (route.Method, variant, true);
        }

        return (route.Method, path, true);
    }

    /// <summary>Adds the Origin (and Sec-Fetch-Site) headers; answers whether the origin check should let a POST through.</summary>
    private bool? Origin(Random random, List<KeyValuePair<string, string>> headers, List<string> hostile)
    {
        void Add(string name, string value) => headers.Add(KeyValuePair.Create(name, value));

        if (random.Chance(0.15))
        {
            hostile.Add("origin");
            switch (random.Next(12))
            {
                case 0: Add("Origin", "https://evil.example"); break;
                case 1: Add("Origin", "null"); break;
                case 2: Add("Origin", ownOrigin + "/"); break;
                case 3: Add("Origin", ownOrigin + ".evil.example"); break;
                case 4: Add("Origin", "https://" + ownOrigin["http://".Length..]); break;
                case 5: Add("Origin", "http://localhost:7071.evil.example"); break;
                case 6: Add("Sec-Fetch-Site", "cross-site"); break;
                case 7: Add("Sec-Fetch-Site", "CROSS-SITE"); break;
                case 8: Add("Origin", ownOrigin); Add("Origin", "https://evil.example"); break;
                case 9: Add("Origin", "http://127.0.0.1"); break;
                case 10: Add("Origin", ownOrigin + "/api/auth/login"); break;
                default: Add("Origin", "file://"); break;
            }

            return false;
        }

        switch (random.Next(7))
        {
            case 0: Add("Origin", ownOrigin); break;
            case 1: Add("Origin", ownOrigin.ToUpperInvariant()); break;
            case 2: Add("Origin", "http://localhost:7071"); break;
            case 3: Add("Origin", ownOrigin); Add("Sec-Fetch-Site", "same-origin"); break;
            case 4: Add("Sec-Fetch-Site", random.Pick(["same-site", "none", "same-origin"])); break;
            default: break;
        }

        return true;
    }

    private FuzzCookie Cookie(FuzzRoute route, Random random, List<string> hostile)
    {
        var live = new[] { ("pending-new", sessions.PendingNew), ("setup", sessions.Setup), ("verify", sessions.Verify), ("full", sessions.Full) };
        if (route.Session == SessionNeed.None)
        {
            return random.Chance(0.7) ? new FuzzCookie(null, "none", false) : Hostile(random, live);
        }

        if (!route.EndsSessions && !random.Chance(0.35))
        {
            var (kind, value) = route.Session switch
            {
                SessionNeed.Full => random.Chance(0.6) ? live[3] : random.Pick(live),
                SessionNeed.Pending => random.Chance(0.5) ? live[2] : random.Pick(live),
                _ => random.Pick(live),
            };
            return new FuzzCookie(Header(value, random), "live:" + kind, true);
        }

        hostile.Add("cookie");
        var cookie = Hostile(random, live);
        while (route.EndsSessions && cookie.Live != false)
        {
            // Sign-out would end a session the other requests replay.
            cookie = Hostile(random, live);
        }

        return cookie;
    }

    private FuzzCookie Hostile(Random random, (string Kind, string Value)[] live)
    {
        var (_, real) = random.Pick(live);
        var (accountId, secret) = (real[..real.IndexOf('.')], real[(real.IndexOf('.') + 1)..]);
        var (_, other) = random.Pick(live);
        switch (random.Next(15))
        {
            case 0: return new FuzzCookie(null, "none", false);
            case 1: return new FuzzCookie(Header(sessions.Expired, random), "expired", false, Expired: true);
            case 2: return new FuzzCookie(Header(sessions.SignedOut, random), "signed-out", false);
            case 3: return new FuzzCookie(Header(random.Hex(32) + "." + random.Base64UrlText(43), random), "forged", false);
            case 4:
                var position = random.Next(secret.Length);
                var flipped = secret[..position] + (secret[position] == 'A' ? 'B' : 'A') + secret[(position + 1)..];
                return new FuzzCookie(Header(accountId + "." + flipped, random), "tampered", false);
            case 5: return new FuzzCookie(Header(other[..other.IndexOf('.')] + "." + secret, random), "swapped", other == real ? null : false);
            case 6: return new FuzzCookie(Header(random.Hex(32) + "." + secret, random), "other-account", false);
            case 7: return new FuzzCookie(Header(accountId + "." + secret + new string('A', 200), random), "oversized", false);
            case 8:
                var malformed = random.Pick(["", ".", "abc", accountId + ".", "." + secret, accountId + "." + secret + ".x", "a b.c", "%41." + secret,
                    "a=b." + secret, accountId.ToUpperInvariant() + "." + secret, "\\u0041." + secret]);
                return new FuzzCookie($"{CookieName}={malformed}", "malformed", false);
            case 13:
                // Cookie values are read URL-decoded and unquoted, so these may well be the live session.
                return new FuzzCookie($"{CookieName}={random.Pick([accountId + "%2E" + secret, "\"" + real + "\"", Uri.EscapeDataString(real)])}", "encoded", null);
            case 9: return new FuzzCookie($"{CookieName}={random.Hex(32)}.{random.Base64UrlText(43)}; {CookieName}={real}", "duplicate", null);
            case 10: return new FuzzCookie($"portal_session={real}", "unprefixed-name", false);
            case 11: return new FuzzCookie($"{CookieName.ToLowerInvariant()}={real}", "lower-case-name", null);
            case 12: return new FuzzCookie($"{CookieName}={real}; {CookieName}={sessions.Expired}", "live-and-expired", null, Expired: true);
            default: return new FuzzCookie(string.Join("; ", Enumerable.Range(0, 200).Select(i => $"c{i}={random.Hex(20)}")) + $"; {CookieName}={random.Hex(32)}.x", "many-cookies", false);
        }
    }

    private static string Header(string value, Random random) => random.Next(4) switch
    {
        0 => $"theme=dark; {CookieName}={value}; lang=en",
        _ => $"{CookieName}={value}",
    };

    private void OddHeader(Random random, List<KeyValuePair<string, string>> headers, List<string> hostile)
    {
        var (name, value) = random.Next(16) switch
        {
            0 => ("X-Forwarded-For", random.Pick(["1.2.3.4", "garbage", "1.2.3.4, 5.6.7.8", "::1", "[2001:db8::1]:443", "fe80::1%25eth0", "999.999.999.999", ", , ,", "unknown", "2001:db8::1"])),
            1 => ("X-Forwarded-For", string.Join(", ", Enumerable.Range(0, 300).Select(i => $"10.0.{i / 256}.{i % 256}"))),
            2 => ("Accept", random.Pick(["application/xml", "text/html", "*/*;q=0", "application/json;q=abc", "application/problem+json;q=0"])),
            3 => ("Accept-Charset", "utf-16"),
            4 => ("Accept-Encoding", "gzip, br, zstd, identity;q=0"),
            5 => ("X-HTTP-Method-Override", random.Pick(["DELETE", "GET", "PUT"])),
            6 => ("User-Agent", new string('U', 4000)),
            7 => ("Authorization", random.Pick(["Bearer x", "Basic Og==", "Bearer " + random.Base64UrlText(500)])),
            8 => ("x-functions-key", random.Base64UrlText(56)),
            9 => ("Expect", "100-continue"),
            10 => ("Range", "bytes=0-1"),
            11 => ("X-Original-URL", "/api/me"),
            12 => ("Forwarded", "for=1.2.3.4;proto=https;host=evil.example"),
            13 => ("X-Forwarded-Host", "evil.example"),
            14 => ("Content-Encoding", random.Pick(["gzip", "br", "deflate, gzip"])),
            _ => ("Accept-Language", "zz-ZZ, *;q=0"),
        };
        headers.Add(KeyValuePair.Create(name, value));
        hostile.Add("header:" + name);
    }
}

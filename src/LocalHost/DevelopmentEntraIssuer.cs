using System.Net;
using System.Security.Cryptography;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Support;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPortal.LocalHost;

/// <summary>
/// A stand-in for the company's Entra ID tenant, for Development only (mapped only when <c>AZURE_FUNCTIONS_ENVIRONMENT</c> is
/// Development, so in any other environment <c>/dev/entra/…</c> is a 404): the tenant's OpenID metadata and keys, which the support
/// API reads as it reads Entra's, and a "Sign in as a test agent / supervisor" page that mints a short-lived access token for the
/// support API and returns to the console with it. Its RSA key is made once under <c>.azurite</c> (git-ignored), under a lock file
/// as the development OpenID Connect key is, so hosts started side by side share one key.
/// </summary>
public static class DevelopmentEntraIssuer
{
    /// <summary>The path the issuer answers under; <c>Support:Authority</c> is the host's address and this.</summary>
    public const string BasePath = "/dev/entra";

    /// <summary>How long a test agent's token lives.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private static readonly (string Role, string Oid, string Name)[] TestAgents =
    [
        ("agent", "7e57a6e0-0000-4000-8000-000000000001", "Test Agent"),
        ("supervisor", "7e57a6e0-0000-4000-8000-000000000002", "Test Supervisor"),
    ];

    public static void Map(WebApplication app, string keyFile)
    {
        var key = new Lazy<RsaSecurityKey>(() => LoadOrCreateKey(keyFile));
        var group = app.MapGroup(BasePath + "/{tenant}");

        group.MapGet("/v2.0/.well-known/openid-configuration", (string tenant, IOptions<SupportOptions> options) =>
        {
            var root = $"{options.Value.Authority.TrimEnd('/')}/{tenant}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = $"{root}/v2.0",
                ["jwks_uri"] = $"{root}/discovery/v2.0/keys",
                ["authorization_endpoint"] = $"{root}/sign-in",
                ["response_types_supported"] = new[] { "token" },
                ["subject_types_supported"] = new[] { "pairwise" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });

        group.MapGet("/discovery/v2.0/keys", (string tenant) =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Value.Rsa.ExportParameters(false)) { KeyId = key.Value.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });

        // The page: a link per test agent; each mints a token and goes back to the console with it in the fragment.
        group.MapGet("/sign-in", (string tenant, string? role, string? returnTo, IOptions<SupportOptions> options, TimeProvider time) =>
        {
            var back = returnTo is { } path && path.StartsWith("/support/", StringComparison.Ordinal) && !path.Contains("//", StringComparison.Ordinal) ? path : "/support/";
            if (role is null)
            {
                var links = string.Join("\n", TestAgents.Select(a =>
                    $"<li><a href=\"{BasePath}/{WebUtility.HtmlEncode(Uri.EscapeDataString(tenant))}/sign-in?role={a.Role}&amp;returnTo={WebUtility.HtmlEncode(Uri.EscapeDataString(back))}\">Sign in as a test {a.Role} ({WebUtility.HtmlEncode(a.Name)})</a></li>"));
                var html = $"""
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Development sign-in for the support console</title><link rel="stylesheet" href="/css/site.css"></head>
                    <body><main class="page"><h1>Development sign-in</h1>
                    <p>This stands in for the company's Entra ID on a developer's machine. It exists only in Development.</p>
                    <ul>{links}</ul></main></body></html>
                    """;
                return Results.Content(html, "text/html; charset=utf-8");
            }

            var agent = TestAgents.FirstOrDefault(a => a.Role == role);
            if (agent.Role is null)
            {
                return Results.NotFound();
            }

            var token = Mint(key.Value, options.Value, tenant, agent.Oid, agent.Name, agent.Role == "supervisor" ? SupportAgent.SupervisorRole : SupportAgent.AgentRole, time.GetUtcNow().UtcDateTime);
            return Results.Redirect($"{back}#access_token={Uri.EscapeDataString(token)}&expires_in={(int)TokenLifetime.TotalSeconds}");
        });
    }

    // On the host's clock, which the support API checks the token's lifetime on.
    private static string Mint(RsaSecurityKey key, SupportOptions options, string tenant, string oid, string name, string role, DateTime now)
    {
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"{options.Authority.TrimEnd('/')}/{tenant}/v2.0",
            Audience = options.ApiAppId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + TokenLifetime,
            Claims = new Dictionary<string, object>
            {
                ["oid"] = oid,
                ["tid"] = tenant,
                ["name"] = name,
                ["preferred_username"] = name.Replace(' ', '.').ToLowerInvariant() + "@dev.localhost",
                ["roles"] = new[] { role },
                ["ver"] = "2.0",
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    // Made once and kept in a file, as OidcSigningKeys' development key (DevelopmentKeyFile).
    private static RsaSecurityKey LoadOrCreateKey(string file)
    {
        var pem = DevelopmentKeyFile.ReadOrCreate(file, () =>
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        });
        var key = RSA.Create();
        key.ImportFromPem(pem);
        var kid = Base64UrlEncoder.Encode(SHA256.HashData(key.ExportRSAPublicKey()))[..16];
        return new RsaSecurityKey(key) { KeyId = kid };
    }
}

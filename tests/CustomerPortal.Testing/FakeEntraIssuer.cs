using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPortal.Testing;

/// <summary>
/// A stand-in for an Entra ID tenant on a free loopback port: its OpenID metadata
/// (<c>/{tenant}/v2.0/.well-known/openid-configuration</c>) and signing keys (<c>/{tenant}/discovery/v2.0/keys</c>), with a
/// key of its own, and access tokens for the support API minted with whatever issuer, audience, lifetime, roles and key a test
/// chooses. Tokens are RS256 with a <c>kid</c>, as Entra's.
/// </summary>
public sealed class FakeEntraIssuer : IAsyncDisposable
{
    private static readonly Lazy<FakeEntraIssuer> SharedIssuer = new(() => StartAsync().GetAwaiter().GetResult());

    private readonly WebApplication app;

    /// <summary>The issuer every <see cref="PortalTestHost"/> trusts unless its settings name another; lives as long as the test process.</summary>
    public static FakeEntraIssuer Shared => SharedIssuer.Value;

    /// <summary>A supervisor's token (both app roles' rights) from <see cref="Shared"/>.</summary>
    public static string SharedSupervisorToken(string oid = "00000000-0000-0000-0000-00000000a042", string name = "Alex Agent", DateTimeOffset? now = null)
        => Shared.Mint(["Support.Supervisor"], oid, name, now: now);

    /// <summary>
    /// A handler that sends a token minted for each request by <paramref name="mint"/>, as the console asks MSAL for a fresh one:
    /// a test that moves the portal's clock hours on still calls with a token that is live by that clock.
    /// </summary>
    public static DelegatingHandler FreshTokens(Func<string> mint)
        => new FreshTokenHandler(mint) { InnerHandler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false } };

    private FakeEntraIssuer(WebApplication app) => this.app = app;

    public string TenantId { get; } = Guid.NewGuid().ToString();

    /// <summary>The support API's app id: the audience its tokens carry.</summary>
    public string ApiAppId { get; } = Guid.NewGuid().ToString();

    /// <summary>The issuer's signing key (published in the JWKS).</summary>
    public RsaSecurityKey Key { get; } = NewKey();

    public Uri Authority { get; private set; } = null!;

    /// <summary>The <c>iss</c> of the tenant's tokens, as Entra's v2.0 endpoint writes it.</summary>
    public string Issuer => $"{Authority.AbsoluteUri.TrimEnd('/')}/{TenantId}/v2.0";

    /// <summary>The clock tokens are minted on when a test gives no <c>now</c>: the portal's clock (a fake one) if it checks lifetimes on that. Default: the system's.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>When true, the metadata and keys answer 503, as an unreachable tenant would to the portal.</summary>
    public bool Unavailable { get; set; }

    /// <summary>How often the metadata document was read.</summary>
    public int MetadataReads => Volatile.Read(ref metadataReads);

    private int metadataReads;

    /// <summary>The portal's settings that trust this issuer.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Support:Authority"] = Authority.AbsoluteUri.TrimEnd('/'),
        ["Support:TenantId"] = TenantId,
        ["Support:ApiAppId"] = ApiAppId,
    };

    /// <summary>A new RSA key, e.g. to sign a token the issuer did not (a bad signature).</summary>
    public static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    public static async Task<FakeEntraIssuer> StartAsync()
    {
        var (issuer, address) = await FakeServerHost.StartAsync(app => new FakeEntraIssuer(app), issuer => issuer.HandleAsync);
        issuer.Authority = address;
        return issuer;
    }

    /// <summary>An access token for the support API with the given roles (e.g. <c>Support.Agent</c>); every other part can be made wrong.</summary>
    public string Mint(
        string[] roles,
        string oid = "00000000-0000-0000-0000-00000000a042",
        string? name = "Alex Agent",
        string? issuer = null,
        string? audience = null,
        DateTimeOffset? expires = null,
        SecurityKey? signingKey = null,
        DateTimeOffset? now = null)
    {
        var issuedAt = now ?? Clock.GetUtcNow();
        var expiry = expires ?? issuedAt.AddMinutes(60);
        var notBefore = expiry < issuedAt ? expiry.AddMinutes(-60) : issuedAt.AddMinutes(-1);
        var claims = new Dictionary<string, object>
        {
            ["oid"] = oid,
            ["tid"] = TenantId,
            ["ver"] = "2.0",
            ["scp"] = "Support.Console",
            ["azp"] = Guid.Empty.ToString(),
        };
        if (roles.Length > 0)
        {
            claims["roles"] = roles;
        }

        if (name is not null)
        {
            claims["name"] = name;
            claims["preferred_username"] = name.Replace(' ', '.').ToLowerInvariant() + "@example.com";
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? ApiAppId,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expiry.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (Unavailable)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        object? document = null;
        if (path == $"/{TenantId}/v2.0/.well-known/openid-configuration")
        {
            Interlocked.Increment(ref metadataReads);
            var root = Authority.AbsoluteUri.TrimEnd('/');
            document = new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = $"{root}/{TenantId}/discovery/v2.0/keys",
                ["authorization_endpoint"] = $"{root}/{TenantId}/oauth2/v2.0/authorize",
                ["token_endpoint"] = $"{root}/{TenantId}/oauth2/v2.0/token",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "pairwise" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            };
        }
        else if (path == $"/{TenantId}/discovery/v2.0/keys")
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.Rsa.ExportParameters(false)) { KeyId = Key.KeyId });
            document = new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E } } };
        }

        if (document is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(document), context.RequestAborted);
    }
}

internal sealed class FreshTokenHandler(Func<string> mint) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", mint());
        return base.SendAsync(request, cancellationToken);
    }
}

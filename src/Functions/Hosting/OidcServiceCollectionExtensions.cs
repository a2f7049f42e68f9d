using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Oidc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPortal.Functions.Hosting;

/// <summary>
/// Registers the OpenID Connect provider: OpenIddict's server (degraded mode: no OpenIddict stores; apps from configuration,
/// grants in our own rows, see docs/oidc.md "Grant storage"), its endpoints under <c>/api/oidc</c>, and the provider's services.
/// </summary>
public static class OidcServiceCollectionExtensions
{
    public static IServiceCollection AddOidc(this IServiceCollection services)
    {
        services.AddValidatedOptions<OidcOptions>();
        services.AddSingleton<Security.DerivedKeys>();
        services.AddSingleton<OidcClients>();
        services.AddSingleton<OidcIssuer>();
        services.AddSingleton(provider => OidcSigningKeys.Load(
            provider.GetRequiredService<IOptions<OidcOptions>>().Value,
            provider.GetRequiredService<PortalEnvironment>().IsDevelopment,
            provider.GetService<ILoggerFactory>()?.CreateLogger<OidcSigningKeys>() ?? NullLogger<OidcSigningKeys>.Instance));
        services.AddSingleton<OidcGrantStore>();
        services.AddSingleton<Housekeeping.IExpiringRowsSource, OidcGrantSweep>();
        services.AddSingleton<OidcAuthorizeService>();
        services.AddSingleton<OidcTokenService>();
        services.AddSingleton<OidcSessionsEnded>();
        services.AddSingleton<ISessionsEndedObserver>(provider => provider.GetRequiredService<OidcSessionsEnded>());
        services.AddSingleton<OidcCors>();
        services.AddSingleton<LogoutTokens>();
        services.AddSingleton<BackChannelLogouts>();
        services.AddHttpClient(BackChannelLogouts.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));

        // OpenIddict's Information lines print each request's parameters, the PKCE code_verifier among them: warnings and up only.
        services.Configure<LoggerFilterOptions>(filters => filters.AddFilter("OpenIddict", LogLevel.Warning));

        services.AddOpenIddict().AddServer(server =>
        {
            // Issuer and endpoints: relative URIs resolve against Portal:PublicOrigin (OidcServerHandlers.UsePublicOrigin).
            server.SetAuthorizationEndpointUris("api/oidc/authorize")
                .SetTokenEndpointUris("api/oidc/token")
                .SetUserInfoEndpointUris("api/oidc/userinfo")
                .SetEndSessionEndpointUris("api/oidc/logout")
                .SetRevocationEndpointUris("api/oidc/revoke")
                .SetConfigurationEndpointUris("api/oidc/.well-known/openid-configuration")
                .SetJsonWebKeySetEndpointUris("api/oidc/jwks");

            // Code flow with PKCE (S256 only, OI1) and refresh tokens; no implicit, hybrid, password or client-credentials grants.
            server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes([.. OidcPrincipals.Scopes]);
            server.RegisterClaims([.. OidcPrincipals.ClaimTypes]);
            server.EnableDegradedMode();
            server.DisableSlidingRefreshTokenExpiration();
            server.Configure(options =>
            {
                options.CodeChallengeMethods.Clear();
                options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                // The portal's pages forbid inline scripts and cross-origin form posts (CSP), so form_post cannot work: query only.
                options.ResponseModes.Clear();
                options.ResponseModes.Add(ResponseModes.Query);
            });

            foreach (var handler in OidcServerHandlers.All)
            {
                server.AddEventHandler(handler);
            }

            // Transport security is the platform's: the function app is HTTPS-only and the Static Web App serves HTTPS; the worker
            // itself receives the Functions host's plain-HTTP hop, so OpenIddict's own HTTPS check would refuse every request.
            server.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .EnableErrorPassthrough();
        });

        // Values from other services (the issuer, keys) are set once the container is built.
        services.AddOptions<OpenIddictServerOptions>().Configure<OidcIssuer, OidcSigningKeys, IOptions<OidcOptions>, Security.DerivedKeys>(
            (options, issuer, keys, oidc, encryption) =>
            {
                options.Issuer = issuer.Uri;
                options.AuthorizationCodeLifetime = oidc.Value.CodeLifetime;
                options.AccessTokenLifetime = oidc.Value.AccessTokenLifetime;
                options.IdentityTokenLifetime = oidc.Value.AccessTokenLifetime;
                options.RefreshTokenLifetime = oidc.Value.RefreshTokenLifetime;
                foreach (var key in keys.Keys)
                {
                    options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256));
                }

                foreach (var (keyId, key) in encryption.Derive("oidc-token-encryption"))
                {
                    options.EncryptionCredentials.Add(new EncryptingCredentials(
                        new SymmetricSecurityKey(key) { KeyId = "enc-" + keyId }, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
                }
            });
        return services;
    }
}

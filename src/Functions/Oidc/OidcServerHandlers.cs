using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// The provider's own steps in OpenIddict's request pipeline. OpenIddict runs in degraded mode (no OpenIddict stores: the
/// apps come from configuration, the grants live in our rows), so these do what its stores would: who the client is, where it
/// may be sent, what it may revoke. Each is one small handler with its place in OpenIddict's order.
/// </summary>
public static class OidcServerHandlers
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> All =>
    [
        UsePublicOrigin.Descriptor,
        ValidateAuthorizationClient.Descriptor,
        ValidateTokenClient.Descriptor,
        ValidateRevocationClient.Descriptor,
        ValidateEndSessionClient.Descriptor,
        RevokeGrant.Descriptor,
        AttachProviderMetadata.Descriptor,
        AttachUserInfoClaims.Descriptor,
    ];

    /// <summary>
    /// OpenIddict sees every request as addressed to <c>Portal:PublicOrigin</c>: behind the Functions host and the Static Web App
    /// the worker receives plain HTTP on an internal host name, but the issuer, the endpoints it publishes and the ones it
    /// matches are the customers' origin.
    /// </summary>
    public sealed class UsePublicOrigin(IOptions<PortalOptions> portal) : IOpenIddictServerHandler<ProcessRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<UsePublicOrigin>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ProcessRequestContext context)
        {
            var request = context.Transaction.GetHttpRequest()!;
            var origin = new Uri(portal.Value.PublicOrigin.GetLeftPart(UriPartial.Authority) + "/");
            context.BaseUri = origin;
            context.RequestUri = new Uri(origin, (request.PathBase + request.Path).ToUriComponent().TrimStart('/') + request.QueryString.ToUriComponent());
            return default;
        }
    }

    /// <summary>OI3: an unknown client, or a redirect URI it did not register exactly, is refused here, before any redirect (the error is shown on the portal).</summary>
    public sealed class ValidateAuthorizationClient(OidcClients clients) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<ValidateAuthorizationClient>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateClientIdParameter.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
        {
            var client = clients.Find(context.ClientId);
            if (client is null)
            {
                context.Reject(Errors.InvalidClient, "The client is not registered with this provider.");
            }
            else if (!OidcClients.IsRegisteredRedirect(client, context.RedirectUri))
            {
                context.Reject(Errors.InvalidRequest, "The redirect_uri is missing or not registered for this client.");
            }

            return default;
        }
    }

    /// <summary>OI9: a confidential client proves its secret at the token endpoint; a public client sends none.</summary>
    public sealed class ValidateTokenClient(OidcClients clients) : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<ValidateTokenClient>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateClientIdParameter.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            if (ClientProblem(clients, context.ClientId, context.ClientSecret) is { } problem)
            {
                context.Reject(Errors.InvalidClient, problem);
            }

            return default;
        }
    }

    /// <summary>The same client check at the revocation endpoint.</summary>
    public sealed class ValidateRevocationClient(OidcClients clients) : IOpenIddictServerHandler<ValidateRevocationRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateRevocationRequestContext>()
            .UseSingletonHandler<ValidateRevocationClient>()
            .SetOrder(OpenIddictServerHandlers.Revocation.ValidateTokenParameter.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ValidateRevocationRequestContext context)
        {
            if (ClientProblem(clients, context.ClientId, context.ClientSecret) is { } problem)
            {
                context.Reject(Errors.InvalidClient, problem);
            }

            return default;
        }
    }

    /// <summary>
    /// OI12: the end-session endpoint needs an id token of ours as <c>id_token_hint</c> (so a page of another site cannot sign
    /// the customer out), and sends the browser back only to a post-logout URI its client registered.
    /// </summary>
    public sealed class ValidateEndSessionClient(OidcClients clients) : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateEndSessionRequestContext>()
            .UseSingletonHandler<ValidateEndSessionClient>()
            .SetOrder(OpenIddictServerHandlers.Session.ValidateAuthentication.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(ValidateEndSessionRequestContext context)
        {
            var audience = context.IdentityTokenHintPrincipal?.GetAudiences().FirstOrDefault();
            var client = clients.Find(audience);
            if (client is null)
            {
                context.Reject(Errors.InvalidRequest, "An id_token_hint issued by this provider to a registered client is required.");
                return default;
            }

            if (context.ClientId is { } clientId && !string.Equals(clientId, client.ClientId, StringComparison.Ordinal))
            {
                context.Reject(Errors.InvalidRequest, "The client_id does not match the id_token_hint.");
                return default;
            }

            if (context.PostLogoutRedirectUri is { } uri && !OidcClients.IsRegisteredPostLogoutRedirect(client, uri))
            {
                context.Reject(Errors.InvalidRequest, "The post_logout_redirect_uri is not registered for this client.");
            }

            return default;
        }
    }

    /// <summary>OI8: revoking a refresh token revokes its grant row (Generation 0), so every refresh token of the family stops working.</summary>
    public sealed class RevokeGrant(OidcGrantStore grants) : IOpenIddictServerHandler<HandleRevocationRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseSingletonHandler<RevokeGrant>()
            .SetOrder(OpenIddictServerHandlers.Revocation.AttachPrincipal.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public async ValueTask HandleAsync(HandleRevocationRequestContext context)
        {
            // An access token is self-contained and short-lived (10 minutes): RFC 7009 lets the server decline to revoke it.
            if (context.GenericTokenPrincipal is { } token && token.HasTokenType(TokenTypeIdentifiers.RefreshToken)
                && OidcPrincipals.GrantOf(token) is { } grant)
            {
                await grants.RevokeAsync(grant.AccountId, grant.GrantId, context.CancellationToken);
            }
        }
    }

    /// <summary>Publishes what OpenIddict does not know about: back-channel logout, the acr values, and the claims we issue.</summary>
    public sealed class AttachProviderMetadata : IOpenIddictServerHandler<HandleConfigurationRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AttachProviderMetadata>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(HandleConfigurationRequestContext context)
        {
            context.Metadata["backchannel_logout_supported"] = true;
            context.Metadata["backchannel_logout_session_supported"] = true;
            context.Metadata["frontchannel_logout_supported"] = false;
            context.Metadata["acr_values_supported"] = new OpenIddictParameter(System.Text.Json.JsonSerializer.SerializeToElement(OidcAuthenticationLevels.All));
            context.Metadata["authorization_response_iss_parameter_supported"] = true;
            return default;
        }
    }

    /// <summary>The userinfo answer carries the same claims as the id token, by scope (OpenIddict adds <c>sub</c> and the email ones).</summary>
    public sealed class AttachUserInfoClaims : IOpenIddictServerHandler<HandleUserInfoRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleUserInfoRequestContext>()
            .UseSingletonHandler<AttachUserInfoClaims>()
            .SetOrder(OpenIddictServerHandlers.UserInfo.AttachClaims.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public ValueTask HandleAsync(HandleUserInfoRequestContext context)
        {
            var principal = context.AccessTokenPrincipal!;
            if (principal.HasScope(Scopes.Profile) && principal.GetClaim(Claims.Name) is { } name)
            {
                context.Claims[Claims.Name] = name;
            }

            if (principal.HasScope(OidcPrincipals.ClaimsScope) && principal.GetClaim(OidcPrincipals.ClaimNumberClaim) is { } claimNumber)
            {
                context.Claims[OidcPrincipals.ClaimNumberClaim] = claimNumber;
            }

            return default;
        }
    }

    private static string? ClientProblem(OidcClients clients, string? clientId, string? secret)
    {
        var client = clients.Find(clientId);
        if (client is null)
        {
            return "The client is not registered with this provider.";
        }

        if (client.IsPublic)
        {
            return string.IsNullOrEmpty(secret) ? null : "A public client does not send a client secret.";
        }

        return OidcClients.SecretMatches(client, secret) ? null : "The client secret is missing or wrong.";
    }
}

using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// Checks a support agent's Entra ID access token: signed by a key of the tenant's metadata (JWKS), issued by the tenant, for the
/// support API (<c>aud</c> its app id or <c>api://</c>id), within its lifetime (small clock skew). The metadata is fetched once and
/// kept (refreshed after 12 hours, and when a token names a key it does not hold: Entra rolls its keys). The lifetime is checked
/// on the portal's <see cref="TimeProvider"/>, as every other time rule is.
/// </summary>
public sealed partial class SupportTokenValidator
{
    /// <summary>The named HttpClient that fetches the metadata and keys.</summary>
    public const string HttpClientName = "SupportSignInMetadata";

    private readonly SupportOptions options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly ILogger<SupportTokenValidator> logger;
    private readonly TimeProvider time;

    public SupportTokenValidator(IOptions<SupportOptions> options, IHttpClientFactory httpClients, PortalEnvironment environment, TimeProvider time, ILogger<SupportTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(environment);
        this.options = options.Value;
        this.logger = logger;
        this.time = time;
        if (this.options.IsConfigured)
        {
            var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = !this.options.AllowsHttpMetadata(environment.IsDevelopment) };
            metadata = new ConfigurationManager<OpenIdConnectConfiguration>(this.options.MetadataAddress.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);
        }
    }

    /// <summary>The token's claims, or <c>support_token_invalid</c>, <c>support_token_expired</c>, or <c>support_sign_in_unavailable</c> (no metadata).</summary>
    public async Task<Outcome<JsonWebToken>> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (metadata is null)
        {
            return new PortalError(ErrorCodes.SupportSignInUnavailable);
        }

        for (var attempt = 1; ; attempt++)
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await metadata.GetConfigurationAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or HttpRequestException)
            {
                LogMetadataUnavailable(logger, options.MetadataAddress, exception);
                return new PortalError(ErrorCodes.SupportSignInUnavailable);
            }

            var result = await handler.ValidateTokenAsync(token, Parameters(configuration));
            if (result.IsValid)
            {
                return (JsonWebToken)result.SecurityToken;
            }

            switch (result.Exception)
            {
                case SecurityTokenSignatureKeyNotFoundException when attempt == 1:
                    // A key we do not hold: Entra may have rolled its keys since the metadata was read. Read it again, once.
                    metadata.RequestRefresh();
                    continue;
                case SecurityTokenExpiredException:
                    return new PortalError(ErrorCodes.SupportTokenExpired);
                default:
                    LogTokenRejected(logger, result.Exception?.GetType().Name);
                    return new PortalError(ErrorCodes.SupportTokenInvalid);
            }
        }
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidAudiences = [options.ApiAppId, $"api://{options.ApiAppId}"],
        IssuerSigningKeys = configuration.SigningKeys,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = options.ClockSkew,
        LifetimeValidator = Lifetime,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };

    // The default lifetime check reads the machine's clock; this one the portal's (tests move it), with the same skew and exceptions.
    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > now.Add(parameters.ClockSkew))
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }

        if (expiry < now.Subtract(parameters.ClockSkew))
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
        }

        return true;
    }

    [LoggerMessage(EventId = 4610, Level = LogLevel.Error, Message = "Support sign-in metadata at {Address} could not be read")]
    private static partial void LogMetadataUnavailable(ILogger logger, Uri address, Exception exception);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Warning, Message = "A support token was refused: {Reason}")]
    private static partial void LogTokenRejected(ILogger logger, string? reason);
}

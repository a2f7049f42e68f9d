using System.ComponentModel.DataAnnotations;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// Who may call the support API, bound from the <c>Support</c> section: the Entra ID tenant whose agents sign in and the support
/// API's app registration, whose access tokens (bearer) are the only key to <c>/api/support/*</c>.
/// </summary>
public sealed class SupportOptions : IValidatableObject
{
    public const string SectionName = "Support";

    /// <summary>The sign-in authority without the tenant. Default: <c>https://login.microsoftonline.com</c>; in Development the local host's issuer (<c>http://127.0.0.1:7071/dev/entra</c>).</summary>
    public string Authority { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The directory (tenant) id of the company's Entra ID. Required outside Development. Default: empty.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The application (client) id of the support API's app registration: tokens must be for it (<c>aud</c> the id or <c>api://</c>id). Required outside Development. Default: empty.</summary>
    public string ApiAppId { get; set; } = "";

    /// <summary>How far the token's clock may be from ours, 0 to 5 minutes. Default: 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the metadata may be read over http: in Development, or from this machine (a test's stand-in tenant).</summary>
    public bool AllowsHttpMetadata(bool development) => development || (Uri.TryCreate(Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);

    /// <summary>Whether both the tenant and the API app are set; without them (Development only) every support call is 503 <c>support_sign_in_unavailable</c>.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ApiAppId);

    /// <summary>The tenant's OpenID Connect metadata: <c>{Authority}/{TenantId}/v2.0/.well-known/openid-configuration</c>.</summary>
    public Uri MetadataAddress => new($"{Authority.TrimEnd('/')}/{Uri.EscapeDataString(TenantId.Trim())}/v2.0/.well-known/openid-configuration");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var development = validationContext.GetService(typeof(PortalEnvironment)) is PortalEnvironment { IsDevelopment: true };
        if (!development && !IsConfigured)
        {
            yield return new("Set Support:TenantId and Support:ApiAppId (the support API's app registration): support agents sign in with Entra ID.", [nameof(TenantId), nameof(ApiAppId)]);
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && !(authority.Scheme == Uri.UriSchemeHttp && (development || authority.IsLoopback))))
        {
            yield return new("Set Support:Authority to an https address (http only in Development or on this machine).", [nameof(Authority)]);
        }
    }
}

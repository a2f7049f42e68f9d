using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Oidc;

/// <summary>The OpenID Connect provider: its apps (clients), signing keys and token lifetimes. Bound from the <c>Oidc</c> section.</summary>
/// <remarks>The issuer is <c>{Portal:PublicOrigin}/api/oidc</c>; see docs/oidc.md.</remarks>
public sealed class OidcOptions : IValidatableObject
{
    public const string SectionName = "Oidc";

    /// <summary>The apps that may sign customers in (<c>Oidc:Clients:0:ClientId</c>, …). Default: none.</summary>
    public List<OidcClientOptions> Clients { get; set; } = [];

    /// <summary>The id of the key that signs tokens now; must be one of <see cref="SigningKeys"/>. Empty: the only key, or the development key.</summary>
    public string ActiveSigningKeyId { get; set; } = "";

    /// <summary>
    /// Key id (letters, digits, <c>-</c>, <c>_</c>) to an ECDSA P-256 private key in PKCS#8 PEM (ES256). Every key is published
    /// in the JWKS, so the next key can be added before it becomes active. Key Vault references in Azure. Default: none, which
    /// is allowed only in Development (a key is then made under <see cref="DevelopmentKeyFile"/>).
    /// </summary>
    public Dictionary<string, string> SigningKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Development only, when no signing key is configured: where the development key is made on first run and kept. Default: <c>.azurite/oidc-signing-key.pem</c> (git-ignored).</summary>
    public string DevelopmentKeyFile { get; set; } = Path.Combine(".azurite", "oidc-signing-key.pem");

    /// <summary>How long an authorization code can be redeemed (once). Default: 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long access tokens (for the userinfo endpoint) and id tokens are valid. Default: 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a refresh token is valid; a grant never outlives the portal session it started in (12 hours). Default: 12 hours.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a back-channel logout token is valid. Default: 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan LogoutTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < Clients.Count; index++)
        {
            var client = Clients[index];
            foreach (var problem in client.Problems())
            {
                yield return new ValidationResult($"Clients:{index}: {problem}", [nameof(Clients)]);
            }

            if (!ids.Add(client.ClientId))
            {
                yield return new ValidationResult($"Clients:{index}: client id '{client.ClientId}' is registered twice.", [nameof(Clients)]);
            }
        }

        foreach (var keyId in SigningKeys.Keys.Where(id => id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            yield return new ValidationResult($"Signing key id '{keyId}' may hold only letters, digits, '-' and '_'.", [nameof(SigningKeys)]);
        }

        if (ActiveSigningKeyId.Length > 0 && !SigningKeys.ContainsKey(ActiveSigningKeyId))
        {
            yield return new ValidationResult($"ActiveSigningKeyId '{ActiveSigningKeyId}' is not one of Oidc:SigningKeys.", [nameof(ActiveSigningKeyId)]);
        }

        if (ActiveSigningKeyId.Length == 0 && SigningKeys.Count > 1)
        {
            yield return new ValidationResult("Set ActiveSigningKeyId: more than one signing key is configured.", [nameof(ActiveSigningKeyId)]);
        }
    }
}

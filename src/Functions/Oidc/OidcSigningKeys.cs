using System.Security.Cryptography;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPortal.Functions.Oidc;

/// <summary>
/// The ES256 keys that sign id tokens and logout tokens: the active one first, then the others (published in the JWKS so a
/// next key is known before it signs, and a previous one until its tokens have expired).
/// </summary>
public sealed partial class OidcSigningKeys
{
    private OidcSigningKeys(IReadOnlyList<ECDsaSecurityKey> keys) => Keys = keys;

    /// <summary>The active key first.</summary>
    public IReadOnlyList<ECDsaSecurityKey> Keys { get; }

    public ECDsaSecurityKey Active => Keys[0];

    /// <summary>Loads the configured keys; without any, in Development, the key in <see cref="OidcOptions.DevelopmentKeyFile"/> (made on first run).</summary>
    public static OidcSigningKeys Load(OidcOptions options, bool development, ILogger logger)
    {
        if (options.SigningKeys.Count == 0)
        {
            if (!development)
            {
                throw new InvalidOperationException("Set Oidc:SigningKeys (an ECDSA P-256 PKCS#8 PEM per key id, Key Vault references in Azure) and Oidc:ActiveSigningKeyId.");
            }

            return new OidcSigningKeys([DevelopmentKey(options.DevelopmentKeyFile, logger)]);
        }

        var activeId = options.ActiveSigningKeyId.Length > 0 ? options.ActiveSigningKeyId : options.SigningKeys.Keys.Single();
        var ordered = options.SigningKeys.OrderBy(pair => pair.Key == activeId ? 0 : 1).ThenBy(pair => pair.Key, StringComparer.Ordinal);
        return new OidcSigningKeys([.. ordered.Select(pair => Import(pair.Key, pair.Value))]);
    }

    private static ECDsaSecurityKey Import(string keyId, string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"Oidc:SigningKeys:{keyId} is not a PEM private key.", exception);
        }

        if (ecdsa.KeySize != 256)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"Oidc:SigningKeys:{keyId} must be an ECDSA P-256 key (ES256).");
        }

        return new ECDsaSecurityKey(ecdsa) { KeyId = keyId };
    }

    // Made once and kept in a file (DevelopmentKeyFile: one host makes it, under a lock file, while others wait).
    private static ECDsaSecurityKey DevelopmentKey(string file, ILogger logger)
    {
        var pem = DevelopmentKeyFile.ReadOrCreate(
            file,
            () =>
            {
                using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return ecdsa.ExportPkcs8PrivateKeyPem();
            },
            path => LogDevelopmentKeyCreated(logger, path));
        return Import("dev", pem);
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Made the development OpenID Connect signing key at {Path}")]
    private static partial void LogDevelopmentKeyCreated(ILogger logger, string path);
}

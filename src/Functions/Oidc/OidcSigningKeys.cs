using System.Security.Cryptography;
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

    // Made once and kept, so tokens and the sample apps' caches survive a restart; never in the repository (.azurite is git-ignored).
    // Hosts start side by side (browser fixtures, the samples): the one holding "<file>.lock" (an exclusive open, retried) makes the
    // key in a file of its own and renames it into place, then removes the lock. A host without the lock never writes, so nobody
    // reads a key that another host later replaces (File.Move's "no overwrite" is a check and a rename on Linux, not one step).
    private static ECDsaSecurityKey DevelopmentKey(string file, ILogger logger)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var lockPath = path + ".lock";
            using (Lock(lockPath))
            {
                if (!File.Exists(path))
                {
                    using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    var draft = $"{path}.{Guid.NewGuid():N}.tmp";
                    File.WriteAllText(draft, ecdsa.ExportPkcs8PrivateKeyPem());
                    File.Move(draft, path);
                    LogDevelopmentKeyCreated(logger, path);
                }

                // Removed only after the key is in place: a host that opens a new lock file from here on finds the key.
                File.Delete(lockPath);
            }
        }

        return Import("dev", File.ReadAllText(path));
    }

    private static FileStream Lock(string lockPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Made the development OpenID Connect signing key at {Path}")]
    private static partial void LogDevelopmentKeyCreated(ILogger logger, string path);
}

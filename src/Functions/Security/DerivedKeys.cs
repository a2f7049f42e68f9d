using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Security;

/// <summary>
/// Keys for other uses derived from the encryption keys with HKDF-SHA256 (the use is the info), active key first: a new secret
/// needs no new setting, and rotating the encryption keys rotates these too (older ones keep working while their key is listed).
/// </summary>
public sealed class DerivedKeys(IOptions<EncryptionOptions> options)
{
    private readonly KeyRing ring = KeyRing.Create(options.Value);

    public IReadOnlyList<(string KeyId, byte[] Key)> Derive(string use)
        => [.. ring.All
            .OrderBy(pair => pair.Key == ring.ActiveKeyId ? 0 : 1)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (pair.Key, HKDF.DeriveKey(HashAlgorithmName.SHA256, pair.Value, 32, salt: [], info: Encoding.UTF8.GetBytes(use))))];
}

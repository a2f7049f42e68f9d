using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Security;

/// <summary>Keyed hashes of short codes (SMS codes), so a copy of the table alone does not let anyone try all million codes offline.</summary>
/// <remarks>
/// HMAC-SHA256 under a key derived with HKDF-SHA256 (info <c>code-hash</c>) from the active encryption key; the result is
/// <c>{keyId}.{base64}</c>, and verification uses the key named in the stored hash, so hashes survive a key rotation.
/// </remarks>
public sealed class CodeHasher
{
    private static readonly byte[] DerivationInfo = "code-hash"u8.ToArray();

    private readonly string _activeKeyId;
    private readonly Dictionary<string, byte[]> _hashKeys;

    public CodeHasher(IOptions<EncryptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ring = KeyRing.Create(options.Value);
        _activeKeyId = ring.ActiveKeyId;
        _hashKeys = ring.All.ToDictionary(
            k => k.Key,
            k => HKDF.DeriveKey(HashAlgorithmName.SHA256, k.Value, 32, salt: [], info: DerivationInfo),
            StringComparer.Ordinal);
    }

    /// <summary>Hashes a code for one purpose (e.g. <c>sms-signin:{accountId}</c>) under the active key.</summary>
    public string Hash(string code, string purpose) =>
        $"{_activeKeyId}.{Convert.ToBase64String(Compute(_hashKeys[_activeKeyId], code, purpose))}";

    /// <summary>Whether the code, for this purpose, is the one behind <paramref name="storedHash"/>; compares in constant time.</summary>
    public bool Verify(string code, string purpose, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        var dot = storedHash.IndexOf('.');
        if (dot <= 0 || !_hashKeys.TryGetValue(storedHash[..dot], out var key))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes + 3];
        if (!Convert.TryFromBase64String(storedHash[(dot + 1)..], expected, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Compute(key, code, purpose), expected[..written]);
    }

    private static byte[] Compute(byte[] key, string code, string purpose)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrEmpty(purpose);

        // A NUL between purpose and code keeps ("a", "b1") and ("ab", "1") apart.
        var message = Encoding.UTF8.GetBytes(purpose + "\0" + code);
        return HMACSHA256.HashData(key, message);
    }
}

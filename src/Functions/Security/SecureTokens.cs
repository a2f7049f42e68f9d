using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CustomerPortal.Functions.Security;

/// <summary>Random bearer tokens (sessions, activation links) and the hashes they are stored as.</summary>
public static class SecureTokens
{
    private const int TokenSizeBytes = 32;

    /// <summary>How many characters of a token's hash name its row in answers (a session, a remembered device): enough to tell an account's rows apart, too few to be the row key.</summary>
    public const int ShortIdLength = 16;

    /// <summary>The id answers show for the row whose key is <paramref name="prefix"/> and a token's hash.</summary>
    public static string ShortId(string rowKey, string prefix) => rowKey[prefix.Length..][..ShortIdLength];

    /// <summary>A new token: 32 random bytes (256 bits), base64url without padding, safe in URLs and cookies.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenSizeBytes));

    /// <summary>The base64url SHA-256 of a token; only this is stored, so a leaked table holds no usable token.</summary>
    /// <remarks>A plain hash is enough here: the token already has 256 bits of entropy, so there is nothing to brute-force.</remarks>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}

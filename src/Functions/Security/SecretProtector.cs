using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Security;

/// <summary>Encrypts secrets at rest (authenticator keys, phone numbers) with AES-256-GCM under a named, rotatable key.</summary>
/// <remarks>
/// Format: <c>v1.{keyId}.{base64url(nonce | ciphertext | tag)}</c>, 12-byte random nonce, 16-byte tag.
/// The purpose (e.g. <c>totp-secret:{accountId}</c>) is the associated data: a value copied to another account or field does not decrypt.
/// </remarks>
public sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly KeyRing _keys;

    public SecretProtector(IOptions<EncryptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = KeyRing.Create(options.Value);
    }

    /// <summary>Encrypts UTF-8 text for one purpose under the active key.</summary>
    public string Protect(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return ProtectBytes(Encoding.UTF8.GetBytes(plaintext), purpose);
    }

    /// <summary>Whether a protected value is under the active key; values under older keys are rewritten when next used, so old keys can be retired.</summary>
    public bool IsUnderActiveKey(string protectedValue)
        => protectedValue.StartsWith($"{Version}.{_keys.ActiveKeyId}.", StringComparison.Ordinal);

    /// <summary>Decrypts a value made by <see cref="Protect"/> for the same purpose.</summary>
    /// <exception cref="CryptographicException">The value was altered, made for another purpose, or its key is no longer configured.</exception>
    public string Unprotect(string protectedValue, string purpose)
    {
        var bytes = UnprotectBytes(protectedValue, purpose);
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Encrypts bytes for one purpose under the active key.</summary>
    public string ProtectBytes(ReadOnlySpan<byte> plaintext, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);

        var payload = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = payload.AsSpan(0, NonceSize);
        var ciphertext = payload.AsSpan(NonceSize, plaintext.Length);
        var tag = payload.AsSpan(NonceSize + plaintext.Length, TagSize);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(_keys.ActiveKey, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.UTF8.GetBytes(purpose));
        return $"{Version}.{_keys.ActiveKeyId}.{Base64Url.EncodeToString(payload)}";
    }

    /// <summary>Decrypts a value made by <see cref="ProtectBytes"/> for the same purpose.</summary>
    /// <exception cref="CryptographicException">The value was altered, made for another purpose, or its key is no longer configured.</exception>
    public byte[] UnprotectBytes(string protectedValue, string purpose)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        ArgumentException.ThrowIfNullOrEmpty(purpose);

        // Every failure is the same exception, so callers have one thing to handle and learn nothing about which check failed.
        var parts = protectedValue.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("The protected value is not in a known format.");
        }

        if (!_keys.TryGetKey(parts[1], out var key))
        {
            throw new CryptographicException("The protected value was made with a key that is not configured.");
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException exception)
        {
            throw new CryptographicException("The protected value is not in a known format.", exception);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The protected value is too short.");
        }

        var plaintextLength = payload.Length - NonceSize - TagSize;
        var plaintext = new byte[plaintextLength];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            payload.AsSpan(0, NonceSize),
            payload.AsSpan(NonceSize, plaintextLength),
            payload.AsSpan(NonceSize + plaintextLength, TagSize),
            plaintext,
            Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }
}

using System.Security.Cryptography;

namespace CustomerPortal.Functions.Security;

/// <summary>The decoded encryption keys, by id, and which one is active.</summary>
internal sealed class KeyRing
{
    public const int KeySizeBytes = 32;

    private readonly Dictionary<string, byte[]> _keys;

    private KeyRing(string activeKeyId, Dictionary<string, byte[]> keys)
    {
        ActiveKeyId = activeKeyId;
        _keys = keys;
    }

    public string ActiveKeyId { get; }

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public IEnumerable<KeyValuePair<string, byte[]>> All => _keys;

    public bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>Decodes the configured keys; throws when the configuration is unusable, so a bad key stops start-up rather than a sign-in.</summary>
    public static KeyRing Create(EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        var keys = options.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        return new KeyRing(options.ActiveKeyId, keys);
    }

    /// <summary>What is wrong with the configured keys, in words an operator can act on; empty when they are usable.</summary>
    public static IEnumerable<string> Problems(EncryptionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ActiveKeyId))
        {
            yield return "Set Encryption:ActiveKeyId.";
        }
        else if (!options.Keys.ContainsKey(options.ActiveKeyId))
        {
            yield return $"Encryption:ActiveKeyId '{options.ActiveKeyId}' is not one of Encryption:Keys.";
        }

        foreach (var (keyId, value) in options.Keys)
        {
            // The id is written into every protected value between dots, so it must not contain one.
            if (keyId.Length == 0 || !keyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                yield return $"Encryption key id '{keyId}' may hold only letters, digits, '-' and '_'.";
            }

            if (!IsKey(value))
            {
                yield return $"Encryption:Keys:{keyId} must be the Base64 of exactly {KeySizeBytes} random bytes.";
            }
        }
    }

    private static bool IsKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[KeySizeBytes + 3];
        var ok = Convert.TryFromBase64String(value, buffer, out var written) && written == KeySizeBytes;
        CryptographicOperations.ZeroMemory(buffer);
        return ok;
    }
}

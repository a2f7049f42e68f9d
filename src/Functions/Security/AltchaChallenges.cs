using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Security;

/// <summary>
/// Makes and checks ALTCHA proof-of-work challenges (PoW v2, the protocol of the <c>altcha</c> 3 widget), in its deterministic mode:
/// the server draws the answer (a counter), derives its key, and hands out half of the key as the prefix to find and an HMAC of the
/// whole key (<c>keySignature</c>); the parameters are signed with a second HMAC (<c>signature</c>, over their canonical JSON).
/// </summary>
/// <remarks>
/// <para>
/// Checking an answer costs two HMACs and no key derivation: expiry first, then the signature over the parameters, then the
/// key signature over the key the client found, in the order of the ALTCHA libraries' <c>verifySolution</c>. This check is
/// stricter than theirs: parameters this service does not issue (another algorithm, other fields) are refused before any HMAC,
/// and the found key must start with the prefix (their re-derivation path compares the key with itself and never looks at it).
/// </para>
/// <para>
/// The HMAC keys are derived with HKDF-SHA256 (info <c>altcha-signature</c>, <c>altcha-key-signature</c>) from the encryption
/// keys, so there is no further secret to configure; a challenge is checked under every configured key, so one made just before a
/// key rotation still works for its few minutes. The action is in the signed <c>data</c>, so a challenge is spent only where it was
/// asked for; single use is the caller's (it stores the nonce of every challenge spent).
/// </para>
/// </remarks>
public sealed class AltchaChallenges
{
    /// <summary>The one algorithm issued: PBKDF2-HMAC-SHA256, native in every browser's Web Crypto (the widget's default).</summary>
    public const string Algorithm = "PBKDF2/SHA-256";

    /// <summary>Derived key length in bytes; half of it is the prefix to find (the ALTCHA libraries' default).</summary>
    public const int KeyLength = 32;

    /// <summary>The longest payload read: a challenge and its answer are about 700 characters of base64.</summary>
    public const int MaxPayloadLength = 4096;

    private const int NonceLength = 16;
    private static readonly JsonSerializerOptions JsonReadOptions = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    private readonly ChallengeOptions options;
    private readonly TimeProvider time;
    private readonly byte[] activeSignatureKey;
    private readonly byte[] activeKeySignatureKey;
    private readonly (byte[] Signature, byte[] KeySignature)[] allKeys;

    public AltchaChallenges(IOptions<ChallengeOptions> options, IOptions<EncryptionOptions> encryption, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(encryption);
        this.options = options.Value;
        this.time = time;
        var ring = KeyRing.Create(encryption.Value);
        (activeSignatureKey, activeKeySignatureKey) = Derive(ring.ActiveKey);
        allKeys = [.. ring.All.Select(key => Derive(key.Value))];
    }

    /// <summary>A new challenge for <paramref name="action"/> (a lowercase word such as <c>sign_in</c>), expiring after <see cref="ChallengeOptions.Lifetime"/>.</summary>
    public AltchaChallenge Create(string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var salt = RandomNumberGenerator.GetBytes(NonceLength);
        var counter = RandomNumberGenerator.GetInt32(options.MaxCounter / 2, options.MaxCounter + 1);
        var key = DeriveKey(nonce, salt, counter, options.Cost);
        var parameters = new AltchaParameters(
            Algorithm,
            options.Cost,
            new AltchaData(action),
            (time.GetUtcNow() + options.Lifetime).ToUnixTimeSeconds(),
            KeyLength,
            Convert.ToHexStringLower(key.AsSpan(0, KeyLength / 2)),
            Convert.ToHexStringLower(HMACSHA256.HashData(activeKeySignatureKey, key)),
            Convert.ToHexStringLower(nonce),
            Convert.ToHexStringLower(salt));
        return new AltchaChallenge(parameters, Sign(activeSignatureKey, parameters));
    }

    /// <summary>Checks the widget's payload (base64 JSON) for <paramref name="action"/>; <paramref name="solved"/> is the challenge when solved, for single use.</summary>
    public AltchaVerdict Verify(string? payload, string action, out AltchaParameters? solved)
    {
        solved = null;
        if (!TryRead(payload, out var parameters, out var signature, out var derivedKey))
        {
            return AltchaVerdict.Malformed;
        }

        if (parameters.ExpiresAt < time.GetUtcNow().ToUnixTimeSeconds())
        {
            return AltchaVerdict.Expired;
        }

        if (!allKeys.Any(keys => Equal(Sign(keys.Signature, parameters), signature)))
        {
            return AltchaVerdict.BadSignature;
        }

        if (!string.Equals(parameters.Data.Action, action, StringComparison.Ordinal))
        {
            return AltchaVerdict.WrongAction;
        }

        var key = Convert.FromHexString(derivedKey);
        var prefix = Convert.FromHexString(parameters.KeyPrefix);
        var found = key.AsSpan().StartsWith(prefix)
            && allKeys.Any(keys => Equal(Convert.ToHexStringLower(HMACSHA256.HashData(keys.KeySignature, key)), parameters.KeySignature));
        if (!found)
        {
            return AltchaVerdict.WrongSolution;
        }

        solved = parameters;
        return AltchaVerdict.Solved;
    }

    /// <summary>The key of one try, as the widget's PBKDF2 worker derives it: password = nonce ‖ counter (uint32, big-endian).</summary>
    public static byte[] DeriveKey(byte[] nonce, byte[] salt, int counter, int cost)
    {
        var password = new byte[nonce.Length + 4];
        nonce.CopyTo(password, 0);
        BinaryPrimitives.WriteUInt32BigEndian(password.AsSpan(nonce.Length), (uint)counter);
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, cost, HashAlgorithmName.SHA256, KeyLength);
    }

    /// <summary>The parameters as canonical JSON (keys sorted, no spaces: the ALTCHA libraries' <c>canonicalJSON</c>), the text that is signed.</summary>
    public static string CanonicalJson(AltchaParameters parameters)
    {
        // Every value is a number or a string of letters, digits, '/', '-' and '_' (TryRead refuses anything else), which
        // JSON.stringify and Utf8JsonWriter write alike; the properties are written in sorted order.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("algorithm", parameters.Algorithm);
            writer.WriteNumber("cost", parameters.Cost);
            writer.WriteStartObject("data");
            writer.WriteString("action", parameters.Data.Action);
            writer.WriteEndObject();
            writer.WriteNumber("expiresAt", parameters.ExpiresAt);
            writer.WriteNumber("keyLength", parameters.KeyLength);
            writer.WriteString("keyPrefix", parameters.KeyPrefix);
            writer.WriteString("keySignature", parameters.KeySignature);
            writer.WriteString("nonce", parameters.Nonce);
            writer.WriteString("salt", parameters.Salt);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Sign(byte[] key, AltchaParameters parameters)
        => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(CanonicalJson(parameters))));

    private static (byte[] Signature, byte[] KeySignature) Derive(byte[] key) => (
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: "altcha-signature"u8.ToArray()),
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: "altcha-key-signature"u8.ToArray()));

    private static bool Equal(string expected, string actual)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    private static bool TryRead(string? payload, out AltchaParameters parameters, out string signature, out string derivedKey)
    {
        parameters = null!;
        signature = derivedKey = "";
        if (string.IsNullOrEmpty(payload) || payload.Length > MaxPayloadLength)
        {
            return false;
        }

        AltchaPayload? read;
        try
        {
            read = JsonSerializer.Deserialize<AltchaPayload>(Convert.FromBase64String(payload), JsonReadOptions);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return false;
        }

        if (read?.Challenge is not { Parameters: { Data: not null } p, Signature: { } s } || read.Solution is not { DerivedKey: { } key })
        {
            return false;
        }

        // Only what this service issues: its algorithm and key length, hex of the right lengths, an action word.
        var issued = p.Algorithm == Algorithm && p.KeyLength == KeyLength && p.Cost is > 0 and <= 100_000
            && IsHex(p.Nonce, NonceLength * 2) && IsHex(p.Salt, NonceLength * 2) && IsHex(p.KeyPrefix, KeyLength)
            && IsHex(p.KeySignature, 64) && IsHex(s, 64) && IsHex(key, KeyLength * 2)
            && p.Data.Action is { Length: > 0 and <= 32 } && p.Data.Action.All(c => c is (>= 'a' and <= 'z') or '_');
        if (!issued)
        {
            return false;
        }

        (parameters, signature, derivedKey) = (p, s, key);
        return true;
    }

    private static bool IsHex(string? value, int length)
        => value is not null && value.Length == length && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CustomerPortal.Testing;

/// <summary>
/// A software WebAuthn authenticator for tests without a browser: one ECDSA P-256 credential, "none" attestation,
/// authenticator data with UP, UV and AT flags (WebAuthn Level 3, 6.1), the COSE key (RFC 9053, 7.1.1) and the
/// clientDataJSON a browser would make. Each part can be bent (origin, RP ID, flags, counter) to test a rule.
/// </summary>
public sealed class TestAuthenticator : IDisposable
{
    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte BackupEligibleFlag = 0x08;
    private const byte AttestedCredentialData = 0x40;

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestAuthenticator(string origin)
    {
        Origin = origin;
        RpId = new Uri(origin).Host;
    }

    /// <summary>The origin written into clientDataJSON.</summary>
    public string Origin { get; set; }

    /// <summary>The RP ID whose SHA-256 starts the authenticator data.</summary>
    public string RpId { get; set; }

    /// <summary>Whether the authenticator claims user verification (fingerprint, face, PIN).</summary>
    public bool VerifiesUser { get; set; } = true;

    /// <summary>Whether the key is a synced passkey: the backup-eligible flag (BE) in every answer.</summary>
    public bool BackupEligible { get; set; }

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The signature counter the next assertion carries (raised by one before each).</summary>
    public uint SignCount { get; set; }

    /// <summary>The user handle the last registration was for, returned with each assertion.</summary>
    public byte[]? UserHandle { get; set; }

    /// <summary>Answers creation options (the JSON the server sent) as <c>PublicKeyCredential.toJSON()</c> would.</summary>
    public JsonObject Create(JsonElement options, string? challenge = null)
    {
        UserHandle = Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
        var clientData = ClientData("webauthn.create", challenge ?? options.GetProperty("challenge").GetString()!);
        var authData = AuthenticatorData(AttestedCredentialData, [.. BigEndian16(CredentialId.Length), .. CredentialId, .. CoseKey()], attested: true);
        var attestation = Cbor.Map(
            (Cbor.Text("fmt"), Cbor.Text("none")),
            (Cbor.Text("attStmt"), Cbor.Map()),
            (Cbor.Text("authData"), Cbor.Bytes(authData)));
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = B64(clientData),
            ["attestationObject"] = B64(attestation),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>Answers request options as <c>PublicKeyCredential.toJSON()</c> would, raising the counter first.</summary>
    public JsonObject Get(JsonElement options, string? challenge = null, byte[]? userHandle = null)
    {
        SignCount++;
        var clientData = ClientData("webauthn.get", challenge ?? options.GetProperty("challenge").GetString()!);
        var authData = AuthenticatorData(0, [], attested: false);
        var signature = key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = B64(clientData),
            ["authenticatorData"] = B64(authData),
            ["signature"] = B64(signature),
            ["userHandle"] = B64(userHandle ?? UserHandle ?? []),
        });
    }

    public void Dispose() => key.Dispose();

    private JsonObject Credential(JsonObject response) => new()
    {
        ["id"] = B64(CredentialId),
        ["rawId"] = B64(CredentialId),
        ["type"] = "public-key",
        ["response"] = response,
        ["clientExtensionResults"] = new JsonObject(),
        ["authenticatorAttachment"] = "platform",
    };

    private byte[] ClientData(string type, string challenge)
        => Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = Origin, ["crossOrigin"] = false }.ToJsonString());

    private byte[] AuthenticatorData(byte extraFlags, byte[] attestedCredential, bool attested)
    {
        var flags = (byte)(UserPresent | (VerifiesUser ? UserVerified : 0) | (BackupEligible ? BackupEligibleFlag : 0) | extraFlags);
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, SignCount);
        // AAGUID: all zeroes, as platform authenticators send with "none" attestation.
        byte[] aaguid = attested ? new byte[16] : [];
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(RpId)), flags, .. counter, .. aaguid, .. attestedCredential];
    }

    private byte[] CoseKey()
    {
        var point = key.ExportParameters(false).Q;
        return Cbor.Map(
            (Cbor.Int(1), Cbor.Int(2)), // kty: EC2
            (Cbor.Int(3), Cbor.Int(-7)), // alg: ES256
            (Cbor.Int(-1), Cbor.Int(1)), // crv: P-256
            (Cbor.Int(-2), Cbor.Bytes(point.X!)),
            (Cbor.Int(-3), Cbor.Bytes(point.Y!)));
    }

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>The little of CBOR (RFC 8949) that attestation objects and COSE keys need.</summary>
    private static class Cbor
    {
        public static byte[] Int(long value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

        public static byte[] Bytes(byte[] value) => [.. Head(2, (ulong)value.Length), .. value];

        public static byte[] Text(string value)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            return [.. Head(3, (ulong)utf8.Length), .. utf8];
        }

        public static byte[] Map(params (byte[] Key, byte[] Value)[] entries)
            => [.. Head(5, (ulong)entries.Length), .. entries.SelectMany(entry => entry.Key.Concat(entry.Value))];

        private static byte[] Head(int major, ulong value)
        {
            var type = (byte)(major << 5);
            return value switch
            {
                < 24 => [(byte)(type | (byte)value)],
                <= byte.MaxValue => [(byte)(type | 24), (byte)value],
                <= ushort.MaxValue => [(byte)(type | 25), (byte)(value >> 8), (byte)value],
                _ => [(byte)(type | 26), (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value],
            };
        }
    }
}

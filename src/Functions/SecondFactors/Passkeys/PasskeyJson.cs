using System.Text.Json;
using Fido2NetLib;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// Reads a browser's <c>PublicKeyCredential</c> (as its WebAuthn Level 3 <c>toJSON()</c> gives it) into fido2-net-lib's types;
/// anything else is a validation failure, before any challenge is spent.
/// </summary>
public static class PasskeyJson
{
    /// <summary>Longest credential id WebAuthn allows (bytes).</summary>
    public const int MaxCredentialIdBytes = 1023;

    public static AuthenticatorAttestationRawResponse? ReadAttestation(JsonElement? credential)
    {
        var value = Read<AuthenticatorAttestationRawResponse>(credential);
        return value is { RawId.Length: > 0 and <= MaxCredentialIdBytes, Response.AttestationObject.Length: > 0, Response.ClientDataJson.Length: > 0 } ? value : null;
    }

    public static AuthenticatorAssertionRawResponse? ReadAssertion(JsonElement? credential)
    {
        var value = Read<AuthenticatorAssertionRawResponse>(credential);
        return value is { RawId.Length: > 0 and <= MaxCredentialIdBytes, Response.AuthenticatorData.Length: > 0, Response.Signature.Length: > 0, Response.ClientDataJson.Length: > 0 }
            ? value
            : null;
    }

    private static T? Read<T>(JsonElement? credential)
        where T : class
    {
        if (credential is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        try
        {
            return element.Deserialize<T>();
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }
}

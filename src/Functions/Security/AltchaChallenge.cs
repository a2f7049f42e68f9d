using System.Text.Json.Serialization;

namespace CustomerPortal.Functions.Security;

/// <summary>
/// An ALTCHA proof-of-work challenge as the widget reads it (PoW v2: <c>{parameters, signature}</c>): find the counter whose
/// PBKDF2 key, derived from <see cref="AltchaParameters.Nonce"/> and the counter, starts with <see cref="AltchaParameters.KeyPrefix"/>.
/// </summary>
public sealed record AltchaChallenge(
    [property: JsonPropertyName("parameters")] AltchaParameters Parameters,
    [property: JsonPropertyName("signature")] string Signature);

/// <summary>
/// The signed parameters of a challenge. <see cref="AltchaChallenges"/> writes them as canonical JSON (keys sorted, as the ALTCHA
/// libraries' <c>canonicalJSON</c>) and signs that text; a challenge sent back is checked by writing its parsed values the same way.
/// </summary>
public sealed record AltchaParameters(
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("cost")] int Cost,
    [property: JsonPropertyName("data")] AltchaData Data,
    [property: JsonPropertyName("expiresAt")] long ExpiresAt,
    [property: JsonPropertyName("keyLength")] int KeyLength,
    [property: JsonPropertyName("keyPrefix")] string KeyPrefix,
    [property: JsonPropertyName("keySignature")] string KeySignature,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("salt")] string Salt);

/// <summary>The challenge's own data, signed with it: the action it may be spent on.</summary>
public sealed record AltchaData([property: JsonPropertyName("action")] string Action);

/// <summary>What the widget sends back (base64 of this JSON): the challenge as it was given, and the counter and key it found.</summary>
public sealed record AltchaPayload(AltchaChallenge? Challenge, AltchaSolution? Solution);

/// <summary>The widget's answer: the counter and the derived key (hex) that starts with the prefix; <c>time</c> (ms it took) is not used.</summary>
public sealed record AltchaSolution(long? Counter, string? DerivedKey, double? Time);

/// <summary>The result of checking an answer.</summary>
public enum AltchaVerdict
{
    /// <summary>A solved challenge of this service, for this action, not expired (single use is the caller's: it stores the nonce).</summary>
    Solved,

    /// <summary>Not base64 of the payload JSON, or parameters this service does not issue.</summary>
    Malformed,

    /// <summary>Past its <c>expiresAt</c>.</summary>
    Expired,

    /// <summary>The parameters were not signed by this service (or were changed).</summary>
    BadSignature,

    /// <summary>Signed for another action (a sign-in challenge spent on a reset link, say).</summary>
    WrongAction,

    /// <summary>The derived key is not the one the challenge was made with.</summary>
    WrongSolution,
}

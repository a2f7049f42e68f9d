using System.Text;
using System.Text.Json;
using CustomerPortal.Functions.Security;

namespace CustomerPortal.Testing;

/// <summary>
/// Solves a proof-of-work challenge the way the ALTCHA widget does (tries counters from 0 until the PBKDF2 key starts with the
/// prefix) and writes the widget's payload, for tests that play a customer's browser, or a bot that pays the price.
/// </summary>
public static class AltchaSolver
{
    /// <summary>The payload for a challenge read from a <c>challenge_required</c> problem's <c>challenge</c> member.</summary>
    public static string Solve(JsonElement challenge)
    {
        var parameters = challenge.GetProperty("parameters");
        var nonce = Convert.FromHexString(parameters.GetProperty("nonce").GetString()!);
        var salt = Convert.FromHexString(parameters.GetProperty("salt").GetString()!);
        var prefix = Convert.FromHexString(parameters.GetProperty("keyPrefix").GetString()!);
        var cost = parameters.GetProperty("cost").GetInt32();
        for (var counter = 0; counter < 10_000_000; counter++)
        {
            var key = AltchaChallenges.DeriveKey(nonce, salt, counter, cost);
            if (key.AsSpan().StartsWith(prefix))
            {
                return Payload(challenge, counter, Convert.ToHexStringLower(key));
            }
        }

        throw new InvalidOperationException("No counter solves the challenge.");
    }

    /// <summary>A payload for <paramref name="challenge"/> with any counter and key, as a forger would send.</summary>
    public static string Payload(JsonElement challenge, long counter, string derivedKey)
    {
        var payload = new
        {
            challenge = new { parameters = challenge.GetProperty("parameters"), signature = challenge.GetProperty("signature").GetString() },
            solution = new { counter, derivedKey, time = 12.5 },
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)));
    }
}

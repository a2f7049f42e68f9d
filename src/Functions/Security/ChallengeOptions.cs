using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Security;

/// <summary>The proof-of-work challenge (ALTCHA) asked of clients under suspicion. Bound from the <c>Challenges</c> section.</summary>
public sealed class ChallengeOptions
{
    public const string SectionName = "Challenges";

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations of one try. Default: 1,000. The client tries counters one after the other until the derived key
    /// starts with the challenge's prefix; the server derives one key when it makes a challenge and none when it checks one.
    /// </summary>
    [Range(100, 100_000)]
    public int Cost { get; set; } = 1_000;

    /// <summary>
    /// The difficulty: the most tries a challenge takes. The answer is drawn at random from the upper half, so a challenge takes
    /// between half and all of this many tries. Default: 10,000 (docs/security-rules.md AB7 says what that cost a browser in the tests).
    /// </summary>
    [Range(10, 10_000_000)]
    public int MaxCounter { get; set; } = 10_000;

    /// <summary>How long a challenge can be answered. Default: 5 minutes.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);
}

using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>
/// The limits on failed sign-ins, decided before any password is hashed (docs/security-rules.md, section 1a). Bound from the
/// <c>SignInThrottle</c> section. A failed sign-in is any password sign-in that was checked and did not succeed (wrong password,
/// unknown email, not activated, locked: the answer is the same, so the count is too). Counts are per UTC window of <see cref="Window"/>.
/// </summary>
public sealed class SignInThrottleOptions : IValidatableObject
{
    public const string SectionName = "SignInThrottle";

    /// <summary>The counting window; windows start at multiples of it since the Unix epoch. Default: 15 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins from one client address (an IPv6 /64) in a window after which a solved challenge is needed. Default: 10.</summary>
    [Range(1, 1_000_000)]
    public int ChallengeAfterPerAddress { get; set; } = 10;

    /// <summary>Failed sign-ins from one client address in a window after which sign-ins from it are refused (429). Default: 30.</summary>
    [Range(1, 1_000_000)]
    public int MaxFailuresPerAddress { get; set; } = 30;

    /// <summary>Failed sign-ins from one address range (IPv4 /24, IPv6 /48) in a window after which a solved challenge is needed. Default: 30.</summary>
    [Range(1, 1_000_000)]
    public int ChallengeAfterPerRange { get; set; } = 30;

    /// <summary>Failed sign-ins from one address range in a window after which sign-ins from it are refused (429). Default: 100.</summary>
    [Range(1, 1_000_000)]
    public int MaxFailuresPerRange { get; set; } = 100;

    /// <summary>
    /// Failed sign-ins of the whole service in a window after which everyone without a remembered device needs a solved challenge
    /// (never a hard stop: that would let an attacker shut every customer out). Default: 300 (20 a minute).
    /// </summary>
    [Range(1, 100_000_000)]
    public int ChallengeAfterServiceWide { get; set; } = 300;

    /// <summary>Rows the service-wide count is spread over, so that no row is written by every failed sign-in. Default: 16.</summary>
    [Range(1, 256)]
    public int ServiceWideShards { get; set; } = 16;

    /// <summary>
    /// How long a 429 to an address or range under suspicion (AB1–AB4) is held before it is sent, so that a bot's connections wait
    /// instead of spending the service's CPU on their next guess (AB12). Not for service-wide challenges (everyone gets those) nor a
    /// solved challenge. 0 turns it off. Default: 1 second.
    /// </summary>
    public TimeSpan HoldAnswers { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Window < TimeSpan.FromMinutes(1) || Window > TimeSpan.FromDays(1) || TimeSpan.FromDays(1).Ticks % Window.Ticks != 0)
        {
            yield return new ValidationResult($"{SectionName}:Window must be 1 minute to 1 day and divide a day evenly.", [nameof(Window)]);
        }

        if (HoldAnswers < TimeSpan.Zero || HoldAnswers > TimeSpan.FromSeconds(10))
        {
            yield return new ValidationResult($"{SectionName}:HoldAnswers must be 0 to 10 seconds.", [nameof(HoldAnswers)]);
        }

        if (MaxFailuresPerAddress < ChallengeAfterPerAddress || MaxFailuresPerRange < ChallengeAfterPerRange)
        {
            yield return new ValidationResult($"{SectionName}: a Max… limit cannot be below its ChallengeAfter… limit.", [nameof(MaxFailuresPerAddress)]);
        }
    }
}

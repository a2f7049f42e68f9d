using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Passwords;

/// <summary>How passwords are hashed and what the portal accepts as a password. Bound from the <c>Passwords</c> configuration section.</summary>
public sealed class PasswordOptions : IValidatableObject
{
    public const string SectionName = "Passwords";

    /// <summary>The OWASP minimum for PBKDF2-HMAC-SHA512 (Password Storage Cheat Sheet).</summary>
    public const int MinimumIterationCount = 220_000;

    /// <summary>PBKDF2-HMAC-SHA512 iterations for new hashes; hashes made with fewer are upgraded at the next sign-in. Default: 220,000, also the minimum.</summary>
    [Range(MinimumIterationCount, int.MaxValue)]
    public int IterationCount { get; set; } = MinimumIterationCount;

    /// <summary>Fewest characters (Unicode text elements) a new password may have. Default: 12.</summary>
    [Range(8, 64)]
    public int MinLength { get; set; } = 12;

    /// <summary>Most characters (Unicode text elements) a new password may have; NIST SP 800-63B asks for at least 64. Default: 128.</summary>
    [Range(64, 1024)]
    public int MaxLength { get; set; } = 128;

    /// <summary>Lowest zxcvbn score (0 to 4) a new password must reach. Default: 3 ("safely unguessable" per zxcvbn).</summary>
    [Range(0, 4)]
    public int MinimumStrengthScore { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinLength > MaxLength)
        {
            yield return new("Passwords:MinLength must not be more than Passwords:MaxLength.", [nameof(MinLength)]);
        }
    }
}

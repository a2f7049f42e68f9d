using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Passwords;

/// <summary>
/// The breached-password check of new passwords (NIST SP 800-63B-4 3.1.1.2) against the Pwned Passwords range API. Bound from the
/// <c>BreachedPasswords</c> section. When the API cannot be reached in time the password is accepted (the check is logged and counted
/// as <c>unavailable</c>); docs/security-rules.md P12 says why.
/// </summary>
public sealed class BreachedPasswordOptions : IValidatableObject
{
    public const string SectionName = "BreachedPasswords";

    /// <summary>Whether new passwords are checked at all. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The range API's base address; <c>range/{first five hex digits of the SHA-1}</c> is asked of it. Default: https://api.pwnedpasswords.com/.</summary>
    public Uri Endpoint { get; set; } = new("https://api.pwnedpasswords.com/");

    /// <summary>How long the whole check may take, retries included, before the password is accepted unchecked. Default: 2 seconds.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one try may take. Default: 1 second.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after a failed try (a 5xx, a 429 or a timeout). Default: 1.</summary>
    [Range(0, 3)]
    public int MaxRetries { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult($"{SectionName}:Endpoint must be an absolute http(s) address.", [nameof(Endpoint)]);
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout || TotalTimeout > TimeSpan.FromSeconds(10))
        {
            yield return new ValidationResult($"{SectionName}: AttemptTimeout must be positive and at most TotalTimeout, which is at most 10 seconds.", [nameof(TotalTimeout)]);
        }
    }
}

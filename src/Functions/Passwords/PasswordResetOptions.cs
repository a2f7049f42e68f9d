using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Passwords;

/// <summary>Forgotten-password links and their limits. Bound from the <c>PasswordReset</c> configuration section. Windows are UTC clock hours.</summary>
public sealed class PasswordResetOptions : IValidatableObject
{
    public const string SectionName = "PasswordReset";

    /// <summary>How long a reset link works. Default: 30 minutes.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Reset requests per email address per clock hour; each sends at most one email, so this is the most links an account gets. Default: 3.</summary>
    [Range(1, 100)]
    public int MaxRequestsPerEmailPerHour { get; set; } = 3;

    /// <summary>Reset requests from one client IP address (one /64 for IPv6) per clock hour, whatever the email. Default: 10.</summary>
    [Range(1, 100_000)]
    public int MaxRequestsPerClientIpPerHour { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LinkLifetime < TimeSpan.FromMinutes(5) || LinkLifetime > TimeSpan.FromHours(24))
        {
            yield return new("PasswordReset:LinkLifetime must be between 5 minutes and 24 hours.", [nameof(LinkLifetime)]);
        }
    }
}

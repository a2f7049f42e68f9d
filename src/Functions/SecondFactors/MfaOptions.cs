using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>Second-factor lockout. Bound from the <c>Mfa</c> configuration section.</summary>
public sealed class MfaOptions
{
    public const string SectionName = "Mfa";

    /// <summary>Consecutive wrong codes (any method, recovery codes included) before the lock. Default: 5.</summary>
    [Range(1, 100, ErrorMessage = "Mfa:MaxFailures must be 1 to 100.")]
    public int MaxFailures { get; set; } = 5;

    /// <summary>The first lock; each further lock doubles it. Default: 15 minutes.</summary>
    public TimeSpan FirstLock { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest lock. Default: 24 hours.</summary>
    public TimeSpan MaxLock { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Wrong entries one SMS code survives; then it is dead. Default: 5.</summary>
    [Range(1, 100, ErrorMessage = "Mfa:MaxSmsCodeFailures must be 1 to 100.")]
    public int MaxSmsCodeFailures { get; set; } = 5;

    /// <summary>How long a second factor proven in a full session allows changes to the sign-in methods (step-up). Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "Mfa:StepUpWindow must be between 1 minute and 1 hour.")]
    public TimeSpan StepUpWindow { get; set; } = TimeSpan.FromMinutes(5);
}

using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Passwords;

/// <summary>Password lockout. Bound from the <c>SignIn</c> configuration section.</summary>
public sealed class SignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>Consecutive wrong passwords before waits begin. Default: 10 (NIST SP 800-63B-4 allows at most 100).</summary>
    [Range(1, 100, ErrorMessage = "SignIn:FailuresBeforeLock must be 1 to 100 (NIST SP 800-63B-4).")]
    public int FailuresBeforeLock { get; set; } = 10;

    /// <summary>The first wait; it doubles with each further wrong password. Default: 1 minute.</summary>
    public TimeSpan FirstLock { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait. Default: 1 hour.</summary>
    public TimeSpan MaxLock { get; set; } = TimeSpan.FromHours(1);
}

namespace CustomerPortal.Functions.Accounts;

/// <summary>Account rules. Bound from the <c>Accounts</c> configuration section.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>How long an activation link works. Default: 72 hours.</summary>
    public TimeSpan ActivationLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How long the enrolment link of support's reset-mfa works (rule SD15). Default: 72 hours.</summary>
    public TimeSpan EnrolmentLifetime { get; set; } = TimeSpan.FromHours(72);
}

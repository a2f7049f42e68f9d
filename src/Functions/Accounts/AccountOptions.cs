namespace CustomerPortal.Functions.Accounts;

/// <summary>Account rules. Bound from the <c>Accounts</c> configuration section.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>How long an activation link works. Default: 72 hours.</summary>
    public TimeSpan ActivationLifetime { get; set; } = TimeSpan.FromHours(72);
}

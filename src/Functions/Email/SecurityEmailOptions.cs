using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Email;

/// <summary>How often security emails may go. Bound from the <c>SecurityEmails</c> configuration section.</summary>
public sealed class SecurityEmailOptions : IValidatableObject
{
    public const string SectionName = "SecurityEmails";

    /// <summary>At most one email of a kind per account within this time, so a burst of events is not a burst of email. Default: 10 minutes.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumInterval < TimeSpan.Zero || MinimumInterval > TimeSpan.FromDays(1))
        {
            yield return new("SecurityEmails:MinimumInterval must be between 0 and 1 day.", [nameof(MinimumInterval)]);
        }
    }
}

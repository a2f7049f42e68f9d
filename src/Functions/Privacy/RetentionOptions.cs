using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Privacy;

/// <summary>How long an account outlives its claim (rule DP5). Bound from the <c>Retention</c> configuration section.</summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Retention";

    /// <summary>Days after its claim closed that the housekeeping job deletes an account, 1 to 3650. Default: 90.</summary>
    [Range(1, 3650)]
    public int DeleteAfterDays { get; set; } = 90;

    /// <summary>Days before that deletion that the customer is emailed, 1 to 60 and fewer than <see cref="DeleteAfterDays"/>. Default: 14.</summary>
    [Range(1, 60)]
    public int WarningDays { get; set; } = 14;

    public TimeSpan DeleteAfter => TimeSpan.FromDays(DeleteAfterDays);

    public TimeSpan WarnAfter => TimeSpan.FromDays(DeleteAfterDays - WarningDays);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WarningDays >= DeleteAfterDays)
        {
            yield return new ValidationResult("Retention:WarningDays must be fewer than Retention:DeleteAfterDays.", [nameof(WarningDays)]);
        }
    }
}

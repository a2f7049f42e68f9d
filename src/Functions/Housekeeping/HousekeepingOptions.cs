using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>Limits of one housekeeping run. Bound from the <c>Housekeeping</c> configuration section.</summary>
public sealed class HousekeepingOptions
{
    public const string SectionName = "Housekeeping";

    /// <summary>
    /// How long one run may work, 1 minute to 1 hour; it then stops after the page in hand and the next run goes on from
    /// what is left. Default: 10 minutes, well inside the Functions time limit (30 minutes on Flex Consumption).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(10);
}

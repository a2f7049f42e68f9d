using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Accounts.Audit;

/// <summary>How long audit rows are kept. Bound from the <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>
    /// Days an audit row is kept before the housekeeping job deletes it, 30 to 3650. Default: 400 (a year and a month, so a
    /// year-old event can still be looked up when a customer asks about it). The lower bound keeps a typo from wiping the trail.
    /// </summary>
    [Range(30, 3650)]
    public int RetentionDays { get; set; } = 400;
}

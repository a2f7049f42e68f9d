using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Sms;

/// <summary>
/// Limits that keep SMS pumping (attackers making us text premium-rate numbers) cheap to survive.
/// Bound from the <c>Sms</c> configuration section; windows are UTC clock hours and UTC days.
/// </summary>
public sealed class SmsLimitOptions
{
    public const string SectionName = "Sms";

    /// <summary>Texts to one phone number per clock hour. Default: 5.</summary>
    [Range(0, 1000)]
    public int MaxSendsPerPhonePerHour { get; set; } = 5;

    /// <summary>Texts for one account per UTC day, whatever the number. Default: 10.</summary>
    [Range(0, 1000)]
    public int MaxSendsPerAccountPerDay { get; set; } = 10;

    /// <summary>Texts requested from one client IP address (one /64 for IPv6) per clock hour. Default: 10.</summary>
    [Range(0, 100_000)]
    public int MaxSendsPerClientIpPerHour { get; set; } = 10;

    /// <summary>Texts the whole service sends per UTC day; reaching it logs an error for ops. Default: 1000.</summary>
    [Range(0, 10_000_000)]
    public int DailyBudget { get; set; } = 1000;
}

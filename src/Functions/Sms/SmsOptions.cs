using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Sms;

/// <summary>
/// How verification codes are sent by text message and where to. Bound from the <c>Sms</c> configuration section;
/// the send limits bound from the same section are in <see cref="SmsLimitOptions"/>.
/// </summary>
public sealed class SmsOptions
{
    public const string SectionName = "Sms";

    /// <summary>Who sends: <c>Outbox</c> (writes messages to a table, for development) or <c>Acs</c> (Azure Communication Services). Default: <c>Outbox</c>.</summary>
    [AllowedValues("Outbox", "Acs")]
    public string Provider { get; set; } = "Outbox";

    /// <summary>The sending number in E.164 (or alphanumeric sender id) the provider sends from; required for <c>Acs</c>. Default: empty.</summary>
    public string From { get; set; } = "";

    /// <summary>Countries whose phone numbers may receive codes, comma-separated ISO 3166 alpha-2 codes. Default: <c>US,CA</c>.</summary>
    [Required]
    public string AllowedCountries { get; set; } = "US,CA";

    /// <summary>Minutes a sent code stays valid. Default: 10.</summary>
    [Range(1, 60)]
    public int CodeLifetimeMinutes { get; set; } = 10;

    /// <summary>Seconds before the customer may ask for another code. Default: 30.</summary>
    [Range(0, 3600)]
    public int ResendAfterSeconds { get; set; } = 30;

    /// <summary><see cref="AllowedCountries"/> as a list: trimmed, upper case, without blanks or repeats.</summary>
    public IReadOnlyList<string> AllowedCountryCodes =>
        AllowedCountries
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(code => code.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
}

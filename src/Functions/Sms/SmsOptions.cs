using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Acs;
using Microsoft.Extensions.Configuration;
using PhoneNumbers;

namespace CustomerPortal.Functions.Sms;

/// <summary>
/// Everything about text messages, bound from the <c>Sms</c> configuration section: who sends them and from where,
/// the countries they may go to, the code rules, and the limits that keep SMS pumping (attackers making us text
/// premium-rate numbers) cheap to survive. Windows of the limits are UTC clock hours and UTC days.
/// </summary>
public sealed partial class SmsOptions : IValidatableObject
{
    public const string SectionName = "Sms";

    /// <summary>Who sends: <c>Outbox</c> (writes messages to a table, Development only) or <c>Acs</c> (Azure Communication Services). Default: <c>Outbox</c>.</summary>
    public string Provider { get; set; } = nameof(SmsProvider.Outbox);

    /// <summary>
    /// The sender: a number bought in the ACS resource, in E.164 (<c>+18005550100</c>), or an alphanumeric sender id
    /// (up to 11 letters, digits and spaces, at least one letter) where the destination country allows one.
    /// Required when <see cref="Provider"/> is <c>Acs</c>. Default: empty.
    /// </summary>
    public string From { get; set; } = "";

    /// <summary>Countries whose phone numbers may receive codes, comma-separated ISO 3166 alpha-2 codes. Default: <c>US,CA</c>.</summary>
    [Required]
    public string AllowedCountries { get; set; } = "US,CA";

    /// <summary>How long a sent code stays valid, 1 to 60 minutes. Default: 10 minutes.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long before the customer may ask for another code, up to an hour. Default: 30 seconds.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The older name of <see cref="CodeLifetime"/>, in minutes; still accepted.</summary>
    public int? CodeLifetimeMinutes { get => null; set => CodeLifetime = value is { } minutes ? TimeSpan.FromMinutes(minutes) : CodeLifetime; }

    /// <summary>The older name of <see cref="ResendAfter"/>, in seconds; still accepted.</summary>
    public int? ResendAfterSeconds { get => null; set => ResendAfter = value is { } seconds ? TimeSpan.FromSeconds(seconds) : ResendAfter; }

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

    /// <summary>The ACS resource and the time budget for one send (<c>Sms:Acs:*</c>); read only when <see cref="Provider"/> is <c>Acs</c>.</summary>
    public AcsConnectionOptions Acs { get; set; } = new();

    /// <summary><see cref="AllowedCountries"/> as a list: trimmed, upper case, without blanks or repeats.</summary>
    public IReadOnlyList<string> AllowedCountryCodes =>
        AllowedCountries
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(code => code.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary><see cref="Provider"/> as the one parse of it there is; null when it names no provider.</summary>
    public SmsProvider? ProviderKind =>
        string.IsNullOrWhiteSpace(Provider) ? SmsProvider.Outbox
        : Enum.TryParse<SmsProvider>(Provider, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : null;

    /// <summary>The provider named in configuration, read when services are registered (the sender is chosen then).</summary>
    /// <exception cref="InvalidOperationException">The setting names no provider.</exception>
    public static SmsProvider ProviderFrom(IConfiguration configuration)
    {
        var options = new SmsOptions { Provider = configuration[SectionName + ":" + nameof(Provider)] ?? "" };
        return options.ProviderKind ?? throw new InvalidOperationException($"Sms:Provider must be Outbox or Acs, not '{options.Provider}'.");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedCountryCodes.Count == 0)
        {
            yield return new("Sms:AllowedCountries must name at least one country.", [nameof(AllowedCountries)]);
        }
        else if (!AllowedCountryCodes.All(PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains))
        {
            yield return new("Sms:AllowedCountries must be ISO 3166 alpha-2 codes with a telephone numbering plan, e.g. US,CA.", [nameof(AllowedCountries)]);
        }

        if (CodeLifetime < TimeSpan.FromMinutes(1) || CodeLifetime > TimeSpan.FromMinutes(60))
        {
            yield return new("Sms:CodeLifetime must be between 1 and 60 minutes.", [nameof(CodeLifetime)]);
        }

        if (ResendAfter < TimeSpan.Zero || ResendAfter > TimeSpan.FromHours(1))
        {
            yield return new("Sms:ResendAfter must be between 0 and 1 hour.", [nameof(ResendAfter)]);
        }

        switch (ProviderKind)
        {
            case null:
                yield return new($"Sms:Provider must be Outbox or Acs, not '{Provider}'.", [nameof(Provider)]);
                break;
            case SmsProvider.Outbox when validationContext.GetService(typeof(PortalEnvironment)) is PortalEnvironment { IsDevelopment: false }:
                yield return new("Sms:Provider=Outbox keeps codes in a table instead of sending them: it is for Development only. Set Sms:Provider=Acs.", [nameof(Provider)]);
                break;
            case SmsProvider.Acs:
                if (!E164().IsMatch(From) && !AlphanumericSenderId().IsMatch(From))
                {
                    yield return new("Sms:From must be an E.164 number (+18005550100) or an alphanumeric sender id of up to 11 characters.", [nameof(From)]);
                }

                foreach (var result in Acs.Validate("Sms:Acs"))
                {
                    yield return result;
                }

                break;
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")]
    private static partial Regex AlphanumericSenderId();
}

/// <summary>Which <see cref="ISmsSender"/> the app uses, from <see cref="SmsOptions.Provider"/>.</summary>
public enum SmsProvider
{
    /// <summary>The development outbox table; no text leaves the machine. The default.</summary>
    Outbox,

    /// <summary>Azure Communication Services: real texts to real phones.</summary>
    Acs,
}

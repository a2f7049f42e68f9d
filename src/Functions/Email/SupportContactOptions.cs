using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// How customers reach support: the one source for the pages' help footer (<c>GET /api/support-contact</c>) and every email's
/// closing line (issue 27 finding 8). Bound from the <c>SupportContact</c> section (<c>SupportContact__Phone</c>, …; the
/// <c>Support</c> section is the support console's). Outside Development a phone or an email is required at start-up: an email
/// that says only "contact us" leaves a customer locked out with no way through.
/// </summary>
public sealed class SupportContactOptions : IValidatableObject
{
    public const string SectionName = "SupportContact";

    /// <summary>The support phone as customers dial it, e.g. <c>+1 800 555 0199</c>. Default: none.</summary>
    [MaxLength(40)]
    public string? Phone { get; set; }

    /// <summary>The support email address, e.g. <c>support@claims-portal.example</c>. Default: none.</summary>
    [MaxLength(254)]
    public string? Email { get; set; }

    /// <summary>When support answers, in English words ("Monday to Friday, 8 am to 8 pm Eastern time"). Default: none (not said).</summary>
    [MaxLength(200)]
    public string? Hours { get; set; }

    /// <summary>The same hours in French (Canada); required when <see cref="Hours"/> is set. Default: none.</summary>
    [MaxLength(200)]
    public string? HoursFrCA { get; set; }

    /// <summary>The same hours in Spanish (United States); required when <see cref="Hours"/> is set. Default: none.</summary>
    [MaxLength(200)]
    public string? HoursEsUS { get; set; }

    /// <summary>The live chat's address, <c>https://</c> only, shown in the pages' footer (emails give phone and email). Default: none.</summary>
    public string? LiveChatUrl { get; set; }

    /// <summary>The contact as the customer reads it in <paramref name="language"/> (<see cref="PortalLanguages"/>): blanks are absent.</summary>
    public SupportContact For(string language) => new(
        Blank(Phone),
        Blank(Email),
        Blank(language switch
        {
            PortalLanguages.FrenchCanada => HoursFrCA,
            PortalLanguages.SpanishUnitedStates => HoursEsUS,
            _ => Hours,
        }));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var development = validationContext.GetService(typeof(PortalEnvironment)) is PortalEnvironment { IsDevelopment: true };
        if (Blank(Phone) is null && Blank(Email) is null && !development)
        {
            yield return new("Set SupportContact:Phone or SupportContact:Email (or both): every email ends with how to reach support, and the pages' help footer shows it.", [nameof(Phone), nameof(Email)]);
        }

        if (Blank(Phone) is { } phone && (phone.Count(char.IsAsciiDigit) < 3 || phone.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '-' or '(' or ')' or '.'))))
        {
            yield return new("SupportContact:Phone must be a phone number as customers dial it, e.g. +1 800 555 0199.", [nameof(Phone)]);
        }

        if (Blank(Email) is { } email && (!MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0))
        {
            yield return new("SupportContact:Email must be one email address, e.g. support@example.com.", [nameof(Email)]);
        }

        if (Blank(Hours) is not null && (Blank(HoursFrCA) is null || Blank(HoursEsUS) is null))
        {
            yield return new("SupportContact:Hours is set: set SupportContact:HoursFrCA and SupportContact:HoursEsUS too, so every language says when support answers.", [nameof(HoursFrCA), nameof(HoursEsUS)]);
        }

        if (Blank(LiveChatUrl) is { } chat && (!Uri.TryCreate(chat, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
        {
            yield return new("SupportContact:LiveChatUrl must be an https:// address.", [nameof(LiveChatUrl)]);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>How to reach support, in one language: each part absent when not configured.</summary>
public sealed record SupportContact(string? Phone, string? Email, string? Hours);

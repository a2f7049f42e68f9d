using System.Text.RegularExpressions;

namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>How texts are sent through Azure Communication Services. Bound from the <c>Sms</c> configuration section.</summary>
public sealed partial class AcsSmsOptions
{
    public const string SectionName = "Sms";

    /// <summary>
    /// The sender: a number bought in the ACS resource, in E.164 (<c>+18005550100</c>), or an
    /// alphanumeric sender id (up to 11 letters, digits and spaces, at least one letter) where the
    /// destination country allows one. No default: required when <c>Sms:Provider</c> is <c>Acs</c>.
    /// </summary>
    public string From { get; set; } = "";

    /// <summary>The ACS resource and the time budget for one send (<c>Sms:Acs:*</c>).</summary>
    public AcsConnectionOptions Acs { get; set; } = new();

    public bool HasValidFrom() => E164().IsMatch(From) || AlphanumericSenderId().IsMatch(From);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")]
    private static partial Regex AlphanumericSenderId();
}

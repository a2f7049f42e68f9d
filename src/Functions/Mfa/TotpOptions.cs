using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Mfa;

/// <summary>How the portal presents itself to authenticator apps. Bound from the <c>Totp</c> configuration section.</summary>
public sealed class TotpOptions
{
    public const string SectionName = "Totp";

    /// <summary>The name authenticator apps show above the code; no colon, as it separates issuer and account in the key URI. Default: <c>Customer Portal</c>.</summary>
    [Required]
    [RegularExpression("^[^:]+$", ErrorMessage = "Totp:Issuer must not contain a colon.")]
    public string Issuer { get; set; } = "Customer Portal";

    /// <summary>Minutes a customer has to finish authenticator setup before the unconfirmed key is discarded. Default: 15.</summary>
    [Range(1, 120)]
    public int SetupLifetimeMinutes { get; set; } = 15;
}

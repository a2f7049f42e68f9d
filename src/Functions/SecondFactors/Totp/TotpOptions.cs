using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.SecondFactors.Totp;

/// <summary>How the portal presents itself to authenticator apps. Bound from the <c>Totp</c> configuration section.</summary>
public sealed class TotpOptions
{
    public const string SectionName = "Totp";

    /// <summary>The name authenticator apps show above the code; no colon, as it separates issuer and account in the key URI. Default: <c>Customer Portal</c>.</summary>
    [Required]
    [RegularExpression("^[^:]+$", ErrorMessage = "Totp:Issuer must not contain a colon.")]
    public string Issuer { get; set; } = "Customer Portal";

    /// <summary>How long a customer has to finish authenticator setup before the unconfirmed key is discarded, 1 minute to 2 hours. Default: 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "02:00:00")]
    public TimeSpan SetupLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The older name of <see cref="SetupLifetime"/>, in minutes; still accepted.</summary>
    public int? SetupLifetimeMinutes { get => null; set => SetupLifetime = value is { } minutes ? TimeSpan.FromMinutes(minutes) : SetupLifetime; }
}

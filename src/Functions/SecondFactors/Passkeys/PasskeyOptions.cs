using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>Passkey (WebAuthn) settings, bound from the <c>Passkeys</c> configuration section. The relying party comes from <c>Portal:PublicOrigin</c>.</summary>
public sealed class PasskeyOptions
{
    public const string SectionName = "Passkeys";

    /// <summary>How long a ceremony's challenge can be answered. Default: 5 minutes (rule PK2).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most passkeys one account may register. Default: 10.</summary>
    [Range(1, 50)]
    public int MaxPerAccount { get; set; } = 10;

    /// <summary>The relying party's name that authenticators show. Default: <c>Customer Portal</c>.</summary>
    [Required]
    public string RelyingPartyName { get; set; } = "Customer Portal";
}

using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Http;

/// <summary>Where customers reach the portal. Bound from the <c>Portal</c> configuration section.</summary>
public sealed class PortalOptions : IValidatableObject
{
    public const string SectionName = "Portal";

    /// <summary>The origin customers use, e.g. <c>https://portal.example.com</c>; activation links and the SMS Web OTP line use it. Default: <c>http://localhost:7071</c>.</summary>
    [Required]
    public Uri PublicOrigin { get; set; } = new("http://localhost:7071");

    /// <summary>Further origins whose browser requests may change state (comma-separated). Default: none.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>
    /// Proxies in front of the Functions host whose <c>X-Forwarded-For</c> entry is believed (comma-separated addresses or CIDR ranges).
    /// The Functions host itself (loopback) is always trusted. Default: none. See docs/security-details.md, "Client address in Azure".
    /// </summary>
    public string TrustedProxies { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            TrustedProxySetup.Parse(TrustedProxies);
        }
        catch (FormatException exception)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(TrustedProxies)]);
        }
    }
}

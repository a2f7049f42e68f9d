using Microsoft.Extensions.Compliance.Classification;

namespace CustomerPortal.Functions.Logging;

/// <summary>Data classes that decide how a logged value is redacted.</summary>
public static class PortalTaxonomy
{
    public const string Name = "CustomerPortal";


    /// <summary>Phone numbers: logged masked, all but the last two digits hidden.</summary>
    public static DataClassification PhoneNumber { get; } = new(Name, nameof(PhoneNumber));
}

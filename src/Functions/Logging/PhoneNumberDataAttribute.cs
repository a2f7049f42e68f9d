using Microsoft.Extensions.Compliance.Classification;

namespace CustomerPortal.Functions.Logging;

/// <summary>Marks a logged value as a phone number: it is masked before it reaches any log sink.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PhoneNumberDataAttribute() : DataClassificationAttribute(PortalTaxonomy.PhoneNumber);

using Microsoft.Extensions.Compliance.Classification;

namespace CustomerPortal.Functions.Logging;

/// <summary>Marks a logged value as secret: it is erased before it reaches any log sink.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretDataAttribute() : DataClassificationAttribute(PortalTaxonomy.Secret);

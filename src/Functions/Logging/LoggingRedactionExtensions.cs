using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Logging;

/// <summary>Turns on log redaction: secrets are erased, phone numbers masked, anything else classified is erased.</summary>
public static class LoggingRedactionExtensions
{
    public static ILoggingBuilder AddPortalRedaction(this ILoggingBuilder logging)
    {
        logging.EnableRedaction();
        logging.Services.AddRedaction(redaction =>
        {
            redaction.SetRedactor<ErasingRedactor>(PortalTaxonomy.Secret);
            redaction.SetRedactor<PhoneNumberRedactor>(PortalTaxonomy.PhoneNumber);
            redaction.SetFallbackRedactor<ErasingRedactor>();
        });
        return logging;
    }
}

using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Logging;

/// <summary>Turns on log redaction: phone numbers are masked, anything else classified is erased. Secrets are never logged at all.</summary>
public static class LoggingRedactionExtensions
{
    public static ILoggingBuilder AddPortalRedaction(this ILoggingBuilder logging)
    {
        logging.EnableRedaction();
        logging.Services.AddRedaction(redaction =>
        {
            redaction.SetRedactor<PhoneNumberRedactor>(PortalTaxonomy.PhoneNumber);
            redaction.SetFallbackRedactor<ErasingRedactor>();
        });
        return logging;
    }
}

using System.Diagnostics;

namespace CustomerPortal.Functions.Telemetry;

/// <summary>The portal's own trace source, and the sources whose spans make up a request's trace.</summary>
public static class PortalTelemetry
{
    /// <summary>Spans the portal starts itself (a housekeeping run); function invocations get theirs from the host.</summary>
    public static readonly ActivitySource Source = new(PortalMetrics.MeterName);

    /// <summary>
    /// The portal's own spans, the Azure SDK's (Table Storage; <c>Azure.*</c>, turned on by <see cref="EnableAzureSdkSpans"/>)
    /// and outgoing HTTP (the ACS SMS API goes through <c>HttpClient</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> SourceNames = [PortalMetrics.MeterName, "Azure.*", "System.Net.Http"];

    /// <summary>The Azure SDK creates its spans only when this switch is on.</summary>
    public static void EnableAzureSdkSpans() => AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
}

using System.Diagnostics;

namespace CustomerPortal.Functions.Telemetry;

/// <summary>The portal's own trace source, and the sources whose spans make up a request's trace.</summary>
public static class PortalTelemetry
{
    /// <summary>Spans the portal starts itself (a housekeeping run); function invocations get theirs from the host.</summary>
    public static readonly ActivitySource Source = new(PortalMetrics.MeterName);

    /// <summary>
    /// The portal's own spans, Table Storage's (<c>TableClient.GetEntity</c> and so on, the Azure SDK's, turned on by
    /// <see cref="EnableAzureSdkSpans"/>) and every HTTP request out (each storage attempt, the ACS SMS API, token requests).
    /// The Azure SDK's own HTTP spans (<c>Azure.Core.Http</c>) are left out: they would repeat the HTTP ones.
    /// </summary>
    public static readonly IReadOnlyList<string> SourceNames = [PortalMetrics.MeterName, "Azure.Data.Tables.*", "System.Net.Http"];

    /// <summary>The Azure SDK creates its spans only when this switch is on.</summary>
    public static void EnableAzureSdkSpans() => AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
}

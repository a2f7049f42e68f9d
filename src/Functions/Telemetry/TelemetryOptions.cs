namespace CustomerPortal.Functions.Telemetry;

/// <summary>Where traces and metrics go besides Application Insights. Bound from the <c>Telemetry</c> configuration section.</summary>
/// <remarks>
/// Application Insights is used whenever <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (in Azure, by the template);
/// with <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> saying <c>Authorization=AAD</c>, telemetry is sent with the managed identity.
/// </remarks>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Writes spans and metric points to standard output (a local run). Default: false.</summary>
    public bool Console { get; set; }

    /// <summary>How often metric points are written to the console, 1 second to 10 minutes. Default: 10 seconds.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConsoleMetricInterval { get; set; } = TimeSpan.FromSeconds(10);
}

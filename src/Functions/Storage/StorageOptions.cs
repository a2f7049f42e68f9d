namespace CustomerPortal.Functions.Storage;

/// <summary>Where the portal's Table Storage is. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A connection string (Azurite locally). When empty, <see cref="TableServiceUri"/> and managed identity are used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service endpoint in Azure, e.g. <c>https://account.table.core.windows.net</c>; used with <c>DefaultAzureCredential</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Optional prefix for every table name (letters and digits only), so several copies of the app can share one account. Default: none.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Seconds one storage request may take before it is abandoned. Default: 5.</summary>
    public int NetworkTimeoutSeconds { get; set; } = 5;
}

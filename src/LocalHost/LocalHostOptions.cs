namespace CustomerPortal.LocalHost;

/// <summary>Settings of the local development host. Bound from the <c>LocalHost</c> configuration section.</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>The address to listen on. Default: <c>http://localhost:7071</c>, the Functions default. Setting: <c>LocalHost__Url</c>.</summary>
    public string Url { get; set; } = "http://localhost:7071";
}

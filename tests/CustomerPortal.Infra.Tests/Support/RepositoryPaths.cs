using System.Reflection;

namespace CustomerPortal.Infra.Tests.Support;

/// <summary>Where the templates, the sample settings and the Bicep CLI are, as recorded at build time.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Infra { get; } = Path.Combine(Root, "infra");

    public static string MainTemplate { get; } = Path.Combine(Infra, "main.bicep");

    public static string LocalSettingsSample { get; } = Path.Combine(Root, "local.settings.sample.json");

    /// <summary>The bicep executable inside the Azure.Bicep.CommandLine.linux-x64 NuGet package.</summary>
    public static string Bicep { get; } = Metadata("BicepPath");

    /// <summary>main.bicep and every module under infra/, as paths relative to infra/.</summary>
    public static IReadOnlyList<string> AllTemplates() =>
        Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Infra, path))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata; see the .csproj.");
}

using System.Reflection;
using System.Text.RegularExpressions;
using CustomerPortal.Functions.Telemetry;

namespace CustomerPortal.UnitTests.Telemetry;

/// <summary>The alerts and the workbook in infra/ query metrics by name: each name must be one the portal emits.</summary>
public sealed partial class MetricNamesInInfraTests
{
    [Fact]
    public void EveryMetricNamedInTheTemplates_IsAPortalMetric()
    {
        var emitted = typeof(PortalMetrics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.GetRawConstantValue() is string value && value.StartsWith("portal.", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var templates = Directory.GetFiles(Path.Combine(RepositoryRoot(), "infra"), "*.bicep", SearchOption.AllDirectories);

        var named = templates.SelectMany(path => MetricName().Matches(File.ReadAllText(path)).Select(match => (Path.GetFileName(path), match.Groups[1].Value))).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, use => Assert.True(emitted.Contains(use.Item2), $"{use.Item1} queries {use.Item2}, which PortalMetrics does not emit."));
    }

    [GeneratedRegex("name == \"(portal\\.[a-z_.]+)\"")]
    private static partial Regex MetricName();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")) && Directory.Exists(Path.Combine(dir.FullName, "infra")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
    }
}

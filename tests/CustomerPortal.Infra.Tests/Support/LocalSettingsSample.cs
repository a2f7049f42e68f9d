using System.Text.Json.Nodes;

namespace CustomerPortal.Infra.Tests.Support;

/// <summary>The keys of local.settings.sample.json "Values", read at test time so new keys are checked too.</summary>
public static class LocalSettingsSample
{
    public static IReadOnlyDictionary<string, string> Values()
    {
        var root = JsonNode.Parse(File.ReadAllText(RepositoryPaths.LocalSettingsSample))!;
        var values = root["Values"]?.AsObject() ?? throw new InvalidOperationException("local.settings.sample.json has no Values.");
        return values.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString() ?? "", StringComparer.Ordinal);
    }
}

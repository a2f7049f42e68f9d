using System.Text.Json;

namespace CustomerPortal.LocalHost;

/// <summary>Reads the <c>Values</c> of <c>local.settings.json</c> as configuration keys, <c>__</c> nesting turned into <c>:</c>, as the Functions host does.</summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values))
        {
            return [];
        }

        return values.EnumerateObject()
            .Select(p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.ToString()))
            .ToList();
    }
}

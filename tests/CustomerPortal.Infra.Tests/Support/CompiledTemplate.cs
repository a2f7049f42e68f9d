using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CustomerPortal.Infra.Tests.Support;

/// <summary>
/// infra/main.bicep compiled once to ARM JSON, with helpers to find resources in it and in the
/// nested templates of its modules. Values computed at deployment stay ARM expressions ("[...]").
/// </summary>
public sealed class CompiledTemplate : IDisposable
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string directory = Directory.CreateTempSubdirectory("infra-tests-").FullName;

    public CompiledTemplate()
    {
        var outputPath = Path.Combine(directory, "main.json");
        BuildResult = BicepCli.Build(RepositoryPaths.MainTemplate, outputPath);
        if (BuildResult.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed: {BuildResult}");
        }

        Text = File.ReadAllText(outputPath);
        Root = JsonNode.Parse(Text)!.AsObject();
    }

    public BicepResult BuildResult { get; }

    /// <summary>The whole compiled template as bicep wrote it.</summary>
    public string Text { get; }

    public JsonObject Root { get; }

    /// <summary>Every template: main and each module's nested template.</summary>
    public IEnumerable<JsonObject> Templates() =>
        Descendants(Root).Where(node => node["$schema"] is not null && node["resources"] is not null);

    /// <summary>Resources of a type (e.g. Microsoft.Web/sites) anywhere in the compiled template.</summary>
    public IReadOnlyList<JsonObject> Resources(string type) => ResourcesIn(Root, type);

    /// <summary>The only resource of a type; fails when there are none or several.</summary>
    public JsonObject Single(string type)
    {
        var resources = Resources(type);
        Assert.True(resources.Count == 1, $"Expected exactly one {type}, found {resources.Count}.");
        return resources[0];
    }

    /// <summary>The function app's app settings, read from the one Microsoft.Web/sites/config "appsettings" resource.</summary>
    public AppSettings FunctionAppSettings()
    {
        var template = TemplateDeclaring("Microsoft.Web/sites/config");
        var config = OwnResources(template)
            .Where(resource => IsType(resource, "Microsoft.Web/sites/config"))
            .Where(resource => StringAt(resource, "name")?.Contains("appsettings", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(config.Count == 1, $"Expected one appsettings resource, found {config.Count}.");
        var properties = config[0]["properties"] ?? throw new InvalidOperationException("The appsettings resource has no properties.");
        return AppSettings.Read(template, properties);
    }

    /// <summary>The template (main or nested) that declares a resource of a type.</summary>
    public JsonObject TemplateDeclaring(string type) =>
        Templates().Single(template => OwnResources(template).Any(resource => IsType(resource, type)));

    /// <summary>A template's own resources, not those of templates nested inside it.</summary>
    public static IEnumerable<JsonObject> OwnResources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            // languageVersion 2.0 keys resources by symbolic name.
            JsonObject map => map.Select(pair => pair.Value).OfType<JsonObject>(),
            _ => [],
        };

    public static IReadOnlyList<JsonObject> ResourcesIn(JsonNode node, string type) =>
        Descendants(node).Where(candidate => IsType(candidate, type)).ToList();

    public static string? StringAt(JsonNode? node, params string[] path)
    {
        foreach (var segment in path)
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        // Objects and arrays come back as JSON written without escaping quotes, so ARM expressions read as written.
        return node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString(Unescaped);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static bool IsType(JsonObject node, string type) =>
        node["type"] is JsonValue value
        && value.TryGetValue<string>(out var actual)
        && node["apiVersion"] is not null
        && string.Equals(actual, type, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<JsonObject> Descendants(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        foreach (var descendant in Descendants(child))
                        {
                            yield return descendant;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        foreach (var descendant in Descendants(child))
                        {
                            yield return descendant;
                        }
                    }
                }

                break;
        }
    }
}

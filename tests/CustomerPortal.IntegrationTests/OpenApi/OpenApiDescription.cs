using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using CustomerPortal.Testing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;

namespace CustomerPortal.IntegrationTests.OpenApi;

/// <summary>
/// <c>docs/openapi.yaml</c> read with Microsoft's OpenAPI reader (which reports what breaks the specification), and the JSON
/// Schema of each described answer, for checking real answers with JsonSchema.Net.
/// </summary>
public sealed class OpenApiDescription
{
    private readonly JsonObject json;
    private readonly JsonObject schemas;

    private OpenApiDescription(ReadResult read, JsonObject json)
    {
        Read = read;
        this.json = json;
        schemas = json["components"]?["schemas"]?.AsObject() ?? [];
    }

    public ReadResult Read { get; }

    public OpenApiDocument Document => Read.Document!;

    /// <summary>Every operation as (METHOD, path under /api), e.g. ("POST", "/support/accounts/{id}/unlock").</summary>
    public IReadOnlyList<(string Method, string Path)> Operations =>
        [.. Document.Paths.SelectMany(path => path.Value.Operations!.Keys.Select(method => (method.Method.ToUpperInvariant(), path.Key)))];

    public static async Task<OpenApiDescription> LoadAsync()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "openapi.yaml");
        var settings = new OpenApiReaderSettings();
        settings.TryAddReader(OpenApiConstants.Yaml, new OpenApiYamlReader());
        await using var file = File.OpenRead(path);
        var read = await OpenApiDocument.LoadAsync(file, OpenApiConstants.Yaml, settings);
        if (read.Document is null)
        {
            throw new InvalidOperationException("docs/openapi.yaml did not load: " + string.Join("; ", read.Diagnostic?.Errors.Select(e => e.Message) ?? []));
        }

        // Written back as JSON by the same library: schemas and references exactly as it understood them.
        var text = await read.Document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
        return new OpenApiDescription(read, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The schema of the <paramref name="status"/> answer of an operation in <paramref name="mediaType"/>, or null when it describes no body.</summary>
    public JsonSchema? ResponseSchema(string method, string path, int status, string mediaType)
    {
        var operation = json["paths"]?[path]?[method.ToLowerInvariant()] ?? throw new ArgumentException($"{method} {path} is not described.");
        var response = Resolve(operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new ArgumentException($"{method} {path} describes no {status} answer.");
        var schema = response["content"]?[mediaType]?["schema"];
        if (schema is null)
        {
            return null;
        }

        // The component schemas become $defs of one JSON Schema 2020-12 document, so their references resolve inside it.
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = schemas.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = document.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text);
    }

    /// <summary>Whether <paramref name="method"/> <paramref name="path"/> describes an answer of <paramref name="status"/>.</summary>
    public bool Describes(string method, string path, int status)
        => json["paths"]?[path]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not null;

    /// <summary>The failures of <paramref name="body"/> against <paramref name="schema"/>, empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(JsonSchema schema, string body)
    {
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var failures = new List<string>();
        foreach (var detail in (result.Details ?? [result]).Where(d => d.Errors is { Count: > 0 }))
        {
            failures.AddRange(detail.Errors!.Select(error => $"{detail.InstanceLocation} ({detail.EvaluationPath}): {error.Key} {error.Value}"));
        }

        return failures.Count > 0 ? failures : ["invalid"];
    }

    /// <summary>The enum of <c>ProblemCode</c>.</summary>
    public IReadOnlyList<string> ProblemCodes => [.. schemas["ProblemCode"]!["enum"]!.AsArray().Select(code => code!.GetValue<string>())];

    private JsonNode? Resolve(JsonNode? node)
    {
        // A response given as a reference to #/components/responses/{name}.
        while (node?["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            node = json["components"]?["responses"]?[name];
        }

        return node;
    }
}

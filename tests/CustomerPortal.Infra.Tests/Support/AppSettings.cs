using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CustomerPortal.Infra.Tests.Support;

/// <summary>
/// The function app's app settings as the compiled template writes them: setting name to value text.
/// Bicep writes a plain object as JSON, but an object built with spread or toObject() as one ARM
/// expression; both are read here. A name computed from a key id, format('Encryption__Keys__{0}', id),
/// is listed by its format string, Encryption__Keys__{0}. String literal values are unquoted.
/// </summary>
public sealed partial class AppSettings
{
    private readonly Dictionary<string, string> values;

    private AppSettings(Dictionary<string, string> values) => this.values = values;

    public IReadOnlyCollection<string> Names => values.Keys;

    public bool Contains(string name) => values.ContainsKey(name);

    /// <summary>The value (a literal, or the ARM expression computing it), or null when the setting is not set.</summary>
    public string? Value(string name) => values.GetValueOrDefault(name);

    public static AppSettings Read(JsonObject declaringTemplate, JsonNode properties)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (properties is JsonObject settings)
        {
            foreach (var (name, value) in settings)
            {
                values[FormatString(name) ?? name] = CompiledTemplate.StringAt(value) ?? "";
            }

            return new AppSettings(values);
        }

        var expression = InlineVariables(declaringTemplate, CompiledTemplate.StringAt(properties) ?? "");
        foreach (var arguments in ArmExpression.Calls(expression, "createObject"))
        {
            for (var i = 0; i + 1 < arguments.Count; i += 2)
            {
                var name = ArmExpression.StringLiteral(arguments[i]) ?? FormatString(arguments[i]) ?? arguments[i];
                values[name] = ArmExpression.StringLiteral(arguments[i + 1]) ?? arguments[i + 1];
            }
        }

        // toObject(items, lambda('id', <name>), lambda('id', <value>))
        foreach (var arguments in ArmExpression.Calls(expression, "toObject").Where(arguments => arguments.Count == 3))
        {
            var name = FormatString(arguments[1]) ?? arguments[1];
            values[name] = arguments[2];
        }

        return new AppSettings(values);
    }

    /// <summary>Replaces variables('x') with the variable's expression from the template, so its settings are seen.</summary>
    private static string InlineVariables(JsonObject template, string expression) =>
        VariableReference().Replace(expression, match =>
        {
            var variable = CompiledTemplate.StringAt(template, "variables", match.Groups["name"].Value);
            return variable is null ? match.Value : variable.TrimStart('[').TrimEnd(']');
        });

    /// <summary>The format string of a name written as format('X{0}', …) (or [format(…)]), else null.</summary>
    private static string? FormatString(string name)
    {
        var match = FormatCall().Match(name);
        return match.Success ? match.Groups["format"].Value : null;
    }

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"format\('(?<format>[^']*)'")]
    private static partial Regex FormatCall();
}

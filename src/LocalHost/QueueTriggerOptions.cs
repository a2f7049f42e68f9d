using System.Text.Json;

namespace CustomerPortal.LocalHost;

/// <summary>
/// The queue trigger's settings as the Functions host reads them: host.json's <c>extensions:queues</c>, each overridden by the
/// app setting <c>AzureFunctionsJobHost__extensions__queues__{name}</c> when set. Defaults are the host's, but for
/// <see cref="MaxPollingInterval"/>, which host.json sets.
/// </summary>
public sealed record QueueTriggerOptions(int MaxDequeueCount, TimeSpan VisibilityTimeout, TimeSpan MaxPollingInterval, int BatchSize)
{
    private const string OverridePrefix = "AzureFunctionsJobHost:extensions:queues:";

    public static QueueTriggerOptions Read(string hostJsonPath, IConfiguration configuration)
    {
        var fromFile = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(hostJsonPath))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var queues))
            {
                foreach (var property in queues.EnumerateObject())
                {
                    fromFile[property.Name] = property.Value.ToString();
                }
            }
        }

        string? Value(string name) => configuration[OverridePrefix + name] ?? (fromFile.TryGetValue(name, out var value) ? value : null);

        return new QueueTriggerOptions(
            int.TryParse(Value("maxDequeueCount"), out var dequeues) ? dequeues : 5,
            TimeSpan.TryParse(Value("visibilityTimeout"), System.Globalization.CultureInfo.InvariantCulture, out var visibility) ? visibility : TimeSpan.Zero,
            TimeSpan.TryParse(Value("maxPollingInterval"), System.Globalization.CultureInfo.InvariantCulture, out var polling) ? polling : TimeSpan.FromMinutes(1),
            int.TryParse(Value("batchSize"), out var batch) ? Math.Clamp(batch, 1, 32) : 16);
    }
}

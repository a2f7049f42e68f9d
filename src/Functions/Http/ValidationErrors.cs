namespace CustomerPortal.Functions.Http;

/// <summary>Collects field errors for a 400 validation problem, keyed by the camelCase field name.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Checks that a text field is present, not blank and at most <paramref name="maxLength"/> characters.</summary>
    public bool RequireText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "This field is required.");
            return false;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"This field must be at most {maxLength} characters.");
            return false;
        }

        if (value.Any(char.IsControl))
        {
            Add(field, "This field contains characters that are not allowed.");
            return false;
        }

        return true;
    }

    public IDictionary<string, string[]> ToDictionary()
        => errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}

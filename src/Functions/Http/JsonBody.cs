using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CustomerPortal.Functions.Http;

/// <summary>
/// Reads and validates a JSON request body with fixed limits, so that every endpoint answers
/// malformed, oversized and wrongly typed input the same way, before anything is stored.
/// </summary>
public static class JsonBody
{
    /// <summary>Largest accepted body: 16 KiB.</summary>
    public const int MaxBytes = 16 * 1024;

    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = 8,
    };

    public static async Task<RequestBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class, IValidatableRequest
    {
        if (!IsJson(request.ContentType))
        {
            return new(null, Problems.Create(
                StatusCodes.Status415UnsupportedMediaType,
                ProblemCodes.UnsupportedMediaType,
                "The request body must be JSON.",
                "Send the body with Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return new(null, TooLarge());
        }

        var buffer = await ReadLimitedAsync(request.Body, cancellationToken);
        if (buffer is null)
        {
            return new(null, TooLarge());
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(buffer, SerializerOptions);
        }
        catch (JsonException exception) when (exception.Path is { Length: > 2 } path && exception.InnerException is null or InvalidOperationException or FormatException)
        {
            var field = FieldName(path);
            return new(null, Problems.Validation(field, "This field has the wrong type."));
        }
        catch (JsonException)
        {
            return new(null, Malformed());
        }

        if (value is null)
        {
            return new(null, Malformed());
        }

        var errors = new ValidationErrors();
        value.Validate(errors);
        return errors.IsEmpty ? new(value, null) : new(null, Problems.Validation(errors.ToDictionary()));
    }

    private static bool IsJson(string? contentType)
        => MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            && (parsed.CharSet is null || string.Equals(parsed.CharSet, "utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (copy.Length + read > MaxBytes)
            {
                return null;
            }

            copy.Write(chunk, 0, read);
        }

        return copy.ToArray();
    }

    // "$.phoneNumber" or "$['phoneNumber']" -> "phoneNumber"
    private static string FieldName(string path)
    {
        var name = path.TrimStart('$', '.');
        return name.Trim('[', ']', '\'');
    }

    private static Microsoft.AspNetCore.Mvc.ObjectResult TooLarge() => Problems.Create(
        StatusCodes.Status413PayloadTooLarge,
        ProblemCodes.PayloadTooLarge,
        "The request body is too large.",
        $"The body must be at most {MaxBytes} bytes.");

    private static Microsoft.AspNetCore.Mvc.ObjectResult Malformed() => Problems.Create(
        StatusCodes.Status400BadRequest,
        ProblemCodes.MalformedJson,
        "The request body is not valid JSON.",
        "Send a JSON object.");
}

using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

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

    /// <summary>Reads and checks a JSON body of <typeparamref name="T"/>; <paramref name="check"/>, when given, checks it further after its own rules.</summary>
    public static async Task<RequestBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, Action<T, ValidationErrors>? check = null)
        where T : class, IValidatableRequest
    {
        if (!IsJson(request.ContentType))
        {
            return Problem<T>(new PortalError(ErrorCodes.UnsupportedMediaType));
        }

        if (request.ContentLength > MaxBytes)
        {
            return Problem<T>(new PortalError(ErrorCodes.PayloadTooLarge));
        }

        byte[]? buffer;
        try
        {
            buffer = await ReadLimitedAsync(request.Body, cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            // Broken chunked framing, or a body that ended before its length: the client's error, not a 500.
            return Problem<T>(new PortalError(ErrorCodes.MalformedJson));
        }

        if (buffer is null)
        {
            return Problem<T>(new PortalError(ErrorCodes.PayloadTooLarge));
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(buffer, SerializerOptions);
        }
        catch (JsonException exception) when (exception.Path is { Length: > 2 } path && exception.InnerException is null or InvalidOperationException or FormatException)
        {
            var field = FieldName(path);
            return Problem<T>(PortalError.Validation(field, "This field has the wrong type."));
        }
        catch (JsonException)
        {
            return Problem<T>(new PortalError(ErrorCodes.MalformedJson));
        }

        if (value is null)
        {
            return Problem<T>(new PortalError(ErrorCodes.MalformedJson));
        }

        var errors = new ValidationErrors();
        value.Validate(errors);
        if (errors.IsEmpty)
        {
            check?.Invoke(value, errors);
        }

        return errors.IsEmpty ? new(value, null) : Problem<T>(PortalError.Validation(errors.ToDictionary()));
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

    private static RequestBody<T> Problem<T>(PortalError error)
        where T : class => new(null, ErrorCatalog.ToResult(error));
}

/// <summary>The outcome of reading a JSON body: either a valid value or the problem to answer with.</summary>
public readonly record struct RequestBody<T>(T? Value, IActionResult? Problem)
    where T : class;

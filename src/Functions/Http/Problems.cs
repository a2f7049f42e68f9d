using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomerPortal.Functions.Http;

/// <summary>Builds RFC 9457 problem+json results; the one place an error becomes an HTTP answer.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult Create(
        int status,
        string code,
        string title,
        string? detail = null,
        IDictionary<string, string[]>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"https://customer-portal/problems/{code}",
            Title = title,
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add(ContentType);
        return result;
    }

    public static ObjectResult Validation(IDictionary<string, string[]> errors) => Create(
        StatusCodes.Status400BadRequest,
        ProblemCodes.ValidationFailed,
        "Some of the information sent is not valid.",
        "Check the highlighted fields and try again.",
        errors);

    public static ObjectResult Validation(string field, string message)
        => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ObjectResult Unexpected() => Create(
        StatusCodes.Status500InternalServerError,
        ProblemCodes.Unexpected,
        "Something went wrong on our side.",
        "Please try again in a few minutes. If it keeps happening, contact support with your claim number.");

    public static ObjectResult NotFound() => Create(
        StatusCodes.Status404NotFound,
        ProblemCodes.NotFound,
        "Not found.");
}

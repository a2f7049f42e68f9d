using System.Text;
using System.Text.Json;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>What one answer was (status and problem code) and, when it broke a rule, which.</summary>
public sealed record FuzzVerdict(int Status, string? Code, string? Failure)
{
    private const string ProblemType = "https://customer-portal/problems/";

    /// <summary>
    /// Codes that refuse the input itself (malformed, oversized, hostile, without a session, at the wrong step or without a
    /// fresh step-up, nowhere): such a request must store nothing. Codes for a customer's real attempt (a wrong code or
    /// password) are not here: those count.
    /// </summary>
    public static IReadOnlySet<string> RejectedInput { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ErrorCodes.MalformedJson, ErrorCodes.PayloadTooLarge, ErrorCodes.UnsupportedMediaType, ErrorCodes.ValidationFailed,
        ErrorCodes.OriginNotAllowed, ErrorCodes.SessionRequired, ErrorCodes.WrongStage, ErrorCodes.StepUpRequired, ErrorCodes.NotFound,
        ErrorCodes.AccountNotFound, ErrorCodes.SupportTokenMissing, ErrorCodes.SupportTokenInvalid, ErrorCodes.SupportTokenExpired,
        ErrorCodes.SupportRoleRequired,
    };

    /// <param name="request">What was sent.</param>
    /// <param name="status">The answer's status.</param>
    /// <param name="mediaType">The answer's media type.</param>
    /// <param name="body">The answer's body.</param>
    /// <param name="writes">The storage writes made while serving it.</param>
    /// <param name="bodyWhole">False when the connection was reset before the whole body arrived: then the body is not judged.</param>
    /// <param name="location">The answer's Location header (the OpenID Connect endpoints redirect).</param>
    public static FuzzVerdict Judge(FuzzRequest request, int status, string? mediaType, byte[] body, IReadOnlyList<string> writes, bool bodyWhole = true, string? location = null)
    {
        if (request.Route.Oidc)
        {
            return FuzzOidcVerdict.Judge(request, status, mediaType, body, location, writes, bodyWhole);
        }

        string? code = null;
        var failures = new List<string>();
        if (status >= 500)
        {
            failures.Add($"a {status} answer");
        }
        else if (status is < 200 or (>= 300 and < 400))
        {
            failures.Add($"an unexpected status {status}");
        }

        if (status >= 400)
        {
            code = CheckProblem(request, status, mediaType, bodyWhole ? body : null, failures);
        }

        if (code is not null && RejectedInput.Contains(code) && writes.Count > 0
            && !(code == ErrorCodes.SessionRequired && request.Cookie.Expired && writes.All(w => w.StartsWith("DELETE ", StringComparison.Ordinal))))
        {
            // The one write a refusal may make: deleting the expired session it was shown (api.md 1.5).
            failures.Add($"{code} after {writes.Count} storage write(s): {string.Join("; ", writes)}");
        }

        if (request.Method == "HEAD" && writes.Count > 0)
        {
            failures.Add($"HEAD made {writes.Count} storage write(s)");
        }

        // The order is read from the answer's code, so an answer cut short by a reset is not held to it.
        if (request.OnRoute && bodyWhole)
        {
            CheckProcessingOrder(request, status, code, failures);
        }

        return new FuzzVerdict(status, code, failures.Count == 0 ? null : string.Join(" | ", failures));
    }

    internal static string? CheckProblem(FuzzRequest request, int status, string? mediaType, byte[]? body, List<string> failures)
    {
        if (mediaType != ErrorCatalog.ContentType)
        {
            failures.Add($"a {status} answer as '{mediaType}', not {ErrorCatalog.ContentType}");
            return null;
        }

        if (request.Method == "HEAD" || body is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body);
        if (text.Contains("Exception", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal))
        {
            failures.Add("internal detail in the problem");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (code is null || !ErrorCodes.All.Contains(code))
            {
                failures.Add($"unknown problem code '{code}'");
                return code;
            }

            if (!root.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
            {
                failures.Add($"problem status member is not {status}");
            }

            if (!root.TryGetProperty("type", out var t) || t.GetString() != ProblemType + code)
            {
                failures.Add("problem type does not name its code");
            }

            if (!root.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
            {
                failures.Add("problem without a title");
            }

            if (ErrorCatalog.ToResult(new PortalError(code)).StatusCode != status)
            {
                failures.Add($"{code} with status {status}, not its catalog status");
            }

            return code;
        }
        catch (JsonException exception)
        {
            failures.Add($"a problem body that is not JSON ({exception.Message})");
            return null;
        }
    }

    /// <summary>The processing order of api.md 1.6 on a request that reached its function's route: origin, then body, then session.</summary>
    private static void CheckProcessingOrder(FuzzRequest request, int status, string? code, List<string> failures)
    {
        if (request.ChangesState && request.OriginAllowed == false)
        {
            Expect(ErrorCodes.OriginNotAllowed, "a cross-site origin");
            return;
        }

        if (code == ErrorCodes.OriginNotAllowed && request.OriginAllowed == true)
        {
            failures.Add("origin_not_allowed for an allowed origin");
        }

        var route = request.Route;

        // The support API checks the agent's token right after the origin, before the body (issue 24): a caller without a token
        // learns nothing of the route's rules.
        if (route.Route.StartsWith("support/", StringComparison.Ordinal) && request.OriginAllowed != false)
        {
            var bearer = request.Headers.Where(h => h.Key == "Authorization").Select(h => h.Value).ToList();
            if (bearer.Count != 1 || !bearer[0].StartsWith("Bearer ey", StringComparison.Ordinal))
            {
                if (code is not (ErrorCodes.SupportTokenMissing or ErrorCodes.SupportTokenInvalid))
                {
                    failures.Add($"{status} {code ?? "(no code)"} for a support call without an agent's token, expected support_token_missing or support_token_invalid");
                }

                return;
            }
        }

        if (route.HasBody && request.OriginAllowed == true)
        {
            if (request.ContentTypeIsJson == false)
            {
                Expect(ErrorCodes.UnsupportedMediaType, "a body that is not JSON");
                return;
            }

            // Hand-written framings decide themselves how much body arrives, so the size rule is held only for whole bodies.
            if (request.ContentTypeIsJson == true && request.Framing is not null)
            {
                return;
            }

            if (request.ContentTypeIsJson == true && (request.Body?.Length ?? 0) > JsonBody.MaxBytes)
            {
                Expect(ErrorCodes.PayloadTooLarge, $"a body of {request.Body!.Length} bytes");
                return;
            }

            if (code is ErrorCodes.PayloadTooLarge or ErrorCodes.UnsupportedMediaType && request.ContentTypeIsJson == true)
            {
                failures.Add($"{code} for a JSON body of {request.Body?.Length ?? 0} bytes");
            }
        }

        if (route.Session != SessionNeed.None && request.Cookie.Live == false && status is >= 200 and < 300)
        {
            failures.Add($"{status} without a live session");
        }

        if (route.Session == SessionNeed.None && code is ErrorCodes.SessionRequired or ErrorCodes.WrongStage)
        {
            failures.Add($"{code} from a route that needs no session");
        }

        void Expect(string expected, string because)
        {
            if (code != expected)
            {
                failures.Add($"{status} {code ?? "(no code)"} for {because}, expected {expected}");
            }
        }
    }
}

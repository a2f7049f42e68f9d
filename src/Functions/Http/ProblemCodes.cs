namespace CustomerPortal.Functions.Http;

/// <summary>The stable, machine-readable <c>code</c> values that problem responses carry.</summary>
public static class ProblemCodes
{
    public const string MalformedJson = "malformed_json";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string ValidationFailed = "validation_failed";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string NotFound = "not_found";
    public const string StorageUnavailable = "storage_unavailable";
    public const string Unexpected = "unexpected_error";
}

using System.Text.Json.Serialization;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// One outbox queue message. The email itself (address, words, and a reset or enrolment link's token) is in <see cref="Payload"/>,
/// encrypted with the portal's key ring (purpose <see cref="EmailQueue.Purpose"/> and the id); the rest is what logs and metrics
/// may show. A <see cref="Kinds.Decoy"/> is written where a request must cost the same as one that emails (rule PR1) and is dropped.
/// </summary>
public sealed record QueuedEmail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("queuedAt")] DateTimeOffset QueuedAt,
    [property: JsonPropertyName("accountId")] string? AccountId,
    [property: JsonPropertyName("tag")] string? Tag,
    [property: JsonPropertyName("payload")] string? Payload)
{
    public static class Kinds
    {
        public const string Email = "email";
        public const string Decoy = "decoy";
    }
}

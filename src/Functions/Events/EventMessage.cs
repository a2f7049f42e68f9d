using System.Text.Json.Serialization;

namespace CustomerPortal.Functions.Events;

/// <summary>
/// One message of the events queue. An <see cref="Kinds.Event"/> is what a request writes (one per event, however many
/// subscribers); the trigger turns it into one <see cref="Kinds.Delivery"/> per subscriber that wants the type. The event itself
/// (which may hold the customer's email) is in <see cref="Payload"/>, encrypted with the portal's key ring (purpose
/// <see cref="EventOutbox.Purpose"/> and the id); the rest is what logs and metrics may show.
/// </summary>
public sealed record EventMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("subscriber")] string? Subscriber,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("payload")] string Payload)
{
    public static class Kinds
    {
        public const string Event = "event";
        public const string Delivery = "delivery";
    }
}

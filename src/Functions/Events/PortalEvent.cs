using System.Text.Json.Serialization;

namespace CustomerPortal.Functions.Events;

/// <summary>
/// Something that happened to an account which the insurer's own systems may want to know (docs/events.md). The event goes to
/// each webhook subscriber as a CloudEvents 1.0 structured JSON message: <see cref="Id"/> is the CloudEvent id and the
/// Standard Webhooks <c>webhook-id</c>, the same on every delivery of the event to a subscriber.
/// </summary>
/// <param name="Id">A new GUID per event.</param>
/// <param name="Type">One of <see cref="PortalEventTypes"/>.</param>
/// <param name="Time">When it happened (the portal's clock).</param>
/// <param name="AccountId">The account (the CloudEvent's subject).</param>
/// <param name="ClaimNumber">The claim the account was made for: the insurer's own key.</param>
/// <param name="Email">The account's email; sent only to subscribers configured to receive contact details.</param>
/// <param name="Method">The second-factor method an event is about (totp, sms, passkey, recovery), or null.</param>
/// <param name="Lock">For <see cref="PortalEventTypes.Locked"/>: what was paused (password or second_factor).</param>
public sealed record PortalEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("claimNumber")] string? ClaimNumber,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("method")] string? Method = null,
    [property: JsonPropertyName("lock")] string? Lock = null)
{
    /// <summary>A new event of <paramref name="type"/> about the account.</summary>
    public static PortalEvent Of(string type, DateTimeOffset time, string accountId, string? claimNumber, string? email, string? method = null, string? lockKind = null)
        => new(Guid.NewGuid().ToString(), type, time, accountId, claimNumber, email, method, lockKind);
}

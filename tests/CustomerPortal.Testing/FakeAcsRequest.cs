using System.Text.Json;

namespace CustomerPortal.Testing;

/// <summary>
/// One request <see cref="FakeAcsServer"/> received: what was sent, and <paramref name="Rejection"/>,
/// why the signature check refused it (null when it passed).
/// </summary>
public sealed record FakeAcsRequest(
    DateTimeOffset ReceivedAt,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string RawBody,
    string? Rejection)
{
    public JsonElement Body => JsonDocument.Parse(RawBody).RootElement;

    /// <summary>The first SMS recipient (<c>smsRecipients[0]</c>) of an SMS send.</summary>
    public JsonElement Recipient => Body.GetProperty("smsRecipients")[0];

    public string? RepeatabilityRequestId => Recipient.GetProperty("repeatabilityRequestId").GetString();

    public string? Message => Body.GetProperty("message").GetString();

    /// <summary>The <c>Operation-Id</c> header of an email send (its idempotency id), or null.</summary>
    public string? OperationId => Headers.TryGetValue("Operation-Id", out var id) ? id : null;
}

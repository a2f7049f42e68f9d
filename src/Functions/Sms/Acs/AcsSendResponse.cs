namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>The 202 answer to a send: one item per recipient.</summary>
public sealed record AcsSendResponse(IReadOnlyList<AcsSendResponseItem>? Value);

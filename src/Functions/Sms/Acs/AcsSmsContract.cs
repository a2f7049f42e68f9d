namespace CustomerPortal.Functions.Sms.Acs;

// The wire shapes of ACS SMS send (REST, api-version 2021-03-07): they only travel together.

/// <summary>The body of <c>POST /sms?api-version=2021-03-07</c>.</summary>
public sealed record AcsSendRequest(string From, IReadOnlyList<AcsSmsRecipient> SmsRecipients, string Message, AcsSendOptions SmsSendOptions);

/// <summary>
/// One recipient of a send. <paramref name="RepeatabilityRequestId"/> and <paramref name="RepeatabilityFirstSent"/>
/// (RFC 1123) stay the same on every retry, so ACS sends the text at most once.
/// </summary>
public sealed record AcsSmsRecipient(string To, string RepeatabilityRequestId, string RepeatabilityFirstSent);

/// <summary>The <c>smsSendOptions</c> of a send: delivery reports on, tagged with the message's purpose.</summary>
public sealed record AcsSendOptions(bool EnableDeliveryReport, string? Tag);

/// <summary>The 202 answer to a send: one item per recipient.</summary>
public sealed record AcsSendResponse(IReadOnlyList<AcsSendResponseItem>? Value);

/// <summary>What ACS did with one recipient; <see cref="Successful"/> false means the text was not sent.</summary>
public sealed record AcsSendResponseItem(string? To, string? MessageId, int HttpStatusCode, bool Successful, string? ErrorMessage);

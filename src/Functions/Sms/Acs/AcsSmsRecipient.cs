namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>
/// One recipient of a send. <paramref name="RepeatabilityRequestId"/> and <paramref name="RepeatabilityFirstSent"/>
/// (RFC 1123) stay the same on every retry, so ACS sends the text at most once.
/// </summary>
public sealed record AcsSmsRecipient(string To, string RepeatabilityRequestId, string RepeatabilityFirstSent);

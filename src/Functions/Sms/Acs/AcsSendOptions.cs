namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>The <c>smsSendOptions</c> of a send: delivery reports on, tagged with the message's purpose.</summary>
public sealed record AcsSendOptions(bool EnableDeliveryReport, string? Tag);

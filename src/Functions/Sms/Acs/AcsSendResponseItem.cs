namespace CustomerPortal.Functions.Sms.Acs;

/// <summary>What ACS did with one recipient; <see cref="Successful"/> false means the text was not sent.</summary>
public sealed record AcsSendResponseItem(string? To, string? MessageId, int HttpStatusCode, bool Successful, string? ErrorMessage);

namespace CustomerPortal.Functions.Sms;

/// <summary>Which <see cref="ISmsSender"/> the app uses, from the <c>Sms:Provider</c> setting.</summary>
public enum SmsProvider
{
    /// <summary>The development outbox table; no text leaves the machine. The default.</summary>
    Outbox,

    /// <summary>Azure Communication Services: real texts to real phones.</summary>
    Acs,
}

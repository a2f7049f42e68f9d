using CustomerPortal.Functions.Sms;

namespace CustomerPortal.IntegrationTests.Resilience;

/// <summary>The Development outbox sender, keeping the code of the last text it was handed even when writing it failed.</summary>
public sealed class RecordingSmsSender(OutboxSmsSender outbox) : ISmsSender
{
    /// <summary>The code of the last text handed to the sender, delivered or not.</summary>
    public string? LastCode { get; private set; }

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        LastCode = message.Body[(message.Body.LastIndexOf('#') + 1)..].Trim();
        return outbox.SendAsync(message, cancellationToken);
    }
}

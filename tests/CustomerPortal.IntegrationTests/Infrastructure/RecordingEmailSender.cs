using System.Collections.Concurrent;
using CustomerPortal.Functions.Email;

namespace CustomerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// An email sender that keeps what it is given and touches no storage (as a real provider does not), optionally failing
/// every send: for storage budgets and for proving that a failed email never fails the customer's request.
/// </summary>
public sealed class RecordingEmailSender(bool fail = false) : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> sent = new();

    public IReadOnlyList<EmailMessage> Sent => [.. sent];

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        sent.Enqueue(message);
        if (fail)
        {
            throw new HttpRequestException("The email provider is down (test).");
        }

        return Task.FromResult(EmailSendResult.Success(Guid.NewGuid().ToString("N")));
    }
}

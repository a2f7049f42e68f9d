using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// The development email sender: emails go to the <c>EmailOutbox</c> table instead of a mailbox, and
/// <c>GET /api/dev/email-outbox</c> shows them. Never used outside Development. Like ACS, it takes an outbox message once:
/// the row key is made of the message's queue time and id, so a second delivery of it finds its row there and adds nothing.
/// </summary>
public sealed class OutboxEmailSender(PortalTables tables, TimeProvider time) : IEmailSender
{
    public const string Partition = "outbox";

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.EmailOutbox, cancellationToken);
        var now = time.GetUtcNow();
        // Inverted ticks: the newest email sorts first in a partition query.
        var rowKey = $"{DateTimeOffset.MaxValue.UtcTicks - (message.QueuedAt ?? now).UtcTicks:D19}-{message.Id ?? Guid.NewGuid().ToString("N")}";
        var entity = new TableEntity(Partition, rowKey)
        {
            ["To"] = message.To,
            ["Subject"] = message.Subject,
            ["Text"] = message.Text,
            ["Html"] = message.Html,
            ["Tag"] = message.Tag,
            ["SentAt"] = now,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Sent by an earlier delivery of the same outbox message, whose answer (or deletion from the queue) was lost.
        }

        return EmailSendResult.Success(rowKey);
    }
}

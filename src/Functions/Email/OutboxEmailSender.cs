using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// The development email sender: emails go to the <c>EmailOutbox</c> table instead of a mailbox, and
/// <c>GET /api/dev/email-outbox</c> shows them. Never used outside Development.
/// </summary>
public sealed class OutboxEmailSender(PortalTables tables, TimeProvider time) : IEmailSender
{
    public const string Partition = "outbox";

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.EmailOutbox, cancellationToken);
        var now = time.GetUtcNow();
        // Inverted ticks: the newest email sorts first in a partition query.
        var rowKey = $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}";
        var entity = new TableEntity(Partition, rowKey)
        {
            ["To"] = message.To,
            ["Subject"] = message.Subject,
            ["Text"] = message.Text,
            ["Html"] = message.Html,
            ["Tag"] = message.Tag,
            ["SentAt"] = now,
        };
        await table.AddEntityAsync(entity, cancellationToken);
        return EmailSendResult.Success(rowKey);
    }
}

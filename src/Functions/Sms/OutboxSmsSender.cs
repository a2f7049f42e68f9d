using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Sms;

/// <summary>
/// The development SMS sender: messages go to the <c>SmsOutbox</c> table instead of a phone, and
/// <c>GET /api/dev/sms-outbox</c> shows them. Never used outside Development.
/// </summary>
public sealed class OutboxSmsSender(PortalTables tables, TimeProvider time) : ISmsSender
{
    public const string Partition = "outbox";

    /// <summary>How long a message stays in the outbox before the housekeeping job deletes it: 1 day.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    /// <summary>The smallest row key of a message sent before <paramref name="before"/> (row keys are inverted ticks, newest first).</summary>
    public static string FirstRowKeyOlderThan(DateTimeOffset before) => $"{DateTimeOffset.MaxValue.UtcTicks - before.UtcTicks + 1:D19}";

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.SmsOutbox, cancellationToken);
        var now = time.GetUtcNow();
        // Inverted ticks: the newest message sorts first in a partition query.
        var rowKey = $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}";
        var entity = new TableEntity(Partition, rowKey)
        {
            ["To"] = message.To,
            ["Body"] = message.Body,
            ["Tag"] = message.Tag,
            ["SentAt"] = now,
        };
        await table.AddEntityAsync(entity, cancellationToken);
        return SmsSendResult.Success(rowKey);
    }
}

using Azure.Data.Tables;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Dev;

/// <summary><c>GET /api/dev/sms-outbox</c>: the development outbox, newest first (50 at most); 404 outside Development.</summary>
public sealed class SmsOutboxFunction(PortalEnvironment environment, PortalTables tables)
{
    [Function(nameof(SmsOutbox))]
    public async Task<IActionResult> SmsOutbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/sms-outbox")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment)
        {
            return ErrorCatalog.ToResult(new PortalError(ErrorCodes.NotFound));
        }

        var table = await tables.GetAsync(TableNames.SmsOutbox, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OutboxSmsSender.Partition}");
        var messages = new List<OutboxMessage>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 50, cancellationToken: cancellationToken))
        {
            messages.Add(new OutboxMessage(entity.GetString("To"), entity.GetString("Body"), entity.GetDateTimeOffset("SentAt") ?? default));
            if (messages.Count == 50)
            {
                break;
            }
        }

        return new OkObjectResult(messages);
    }
}

/// <summary>One message in the development SMS outbox.</summary>
public sealed record OutboxMessage(string To, string Body, DateTimeOffset SentAt);

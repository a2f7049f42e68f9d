using Azure.Data.Tables;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Dev;

/// <summary><c>GET /api/dev/email-outbox</c>: the development email outbox, newest first (50 at most); 404 outside Development.</summary>
public sealed class EmailOutboxFunction(PortalEnvironment environment, PortalTables tables)
{
    public const int MaxEmails = 50;

    [Function(nameof(EmailOutbox))]
    public async Task<IActionResult> EmailOutbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/email-outbox")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment)
        {
            return ErrorCatalog.ToResult(new PortalError(ErrorCodes.NotFound));
        }

        var table = await tables.GetAsync(TableNames.EmailOutbox, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OutboxEmailSender.Partition}");
        var emails = new List<OutboxEmail>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: MaxEmails, cancellationToken: cancellationToken))
        {
            emails.Add(new OutboxEmail(
                entity.GetString("To"), entity.GetString("Subject"), entity.GetString("Text"), entity.GetString("Html"), entity.GetDateTimeOffset("SentAt") ?? default));
            if (emails.Count == MaxEmails)
            {
                break;
            }
        }

        return new OkObjectResult(emails);
    }
}

/// <summary>One email in the development outbox.</summary>
public sealed record OutboxEmail(string To, string Subject, string Text, string Html, DateTimeOffset SentAt);

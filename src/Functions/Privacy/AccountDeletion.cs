using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Events;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.SecondFactors.SmsCodes;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.SecondFactors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Privacy;

/// <summary>Who deleted an account: the customer, a support agent, the admin API, or the retention job.</summary>
public enum DeletionBy
{
    Customer,
    Support,
    Admin,
    Retention,
}

/// <summary>
/// Deletes an account and every row that names it (rule DP1): its partition of the Accounts table (the account, sessions,
/// remembered devices, passkeys, OIDC grants, the trail), the email and claim index rows, the passkey credential lookups, the
/// SMS and password-reset counters keyed by the account, its phone number's hash or its email key, the trail rows written
/// before the trail moved, and (with the development Outbox senders) the outbox rows sent to its email address or phone.
/// Every session ends first (the observers send OIDC back-channel logouts); the trail is kept,
/// pseudonymized (<see cref="Pseudonym"/>: no email, phone, IP or detail), in a partition that does not name the account, until
/// the audit retention removes it; a last email goes to the customer and an <c>account.deleted</c> event to the insurer.
/// </summary>
/// <remarks>
/// Idempotent: a deletion interrupted by an outage is finished by a retry (the index rows are found from the account row, which
/// goes last). Deleting an account that is not there answers <c>account_not_found</c>.
/// </remarks>
public sealed partial class AccountDeletion(
    PortalTables tables,
    AccountStore accounts,
    SessionService sessions,
    PasskeyStore passkeys,
    SecretProtector protector,
    IOptions<MfaOptions> mfa,
    IOptions<EmailOptions> emailOptions,
    IOptions<SmsOptions> smsOptions,
    DerivedKeys keys,
    SecurityEmails securityEmails,
    TimeProvider time,
    ILogger<AccountDeletion> logger)
{
    /// <summary>The HKDF use of the key that names a deleted account's trail.</summary>
    public const string PseudonymUse = "audit-pseudonym";

    /// <summary>The prefix of a deleted account's trail partition (then 64 hex characters of the keyed hash).</summary>
    public const string PseudonymPrefix = "deleted-";

    /// <summary>The partition a deleted account's trail is kept in: HMAC-SHA256 of the id under a key derived from the key ring.</summary>
    public string Pseudonym(string accountId)
        => PseudonymPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(keys.Derive(PseudonymUse)[0].Key, Encoding.UTF8.GetBytes(accountId)));

    /// <summary>What the customer types to confirm <c>DELETE /api/me</c> (rule DP2).</summary>
    public const string CustomerConfirmation = "DELETE";

    /// <summary>
    /// <c>DELETE /api/me</c>: the customer deletes their own account, with a second factor proven within the step-up window
    /// (403 <c>step_up_required</c> otherwise) and <see cref="CustomerConfirmation"/> typed (checked by the body's validation).
    /// </summary>
    public async Task<Outcome<bool>> DeleteOwnAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        if (StepUp.Require(session, time.GetUtcNow(), mfa.Value) is { } stepUp)
        {
            return stepUp;
        }

        var deleted = await DeleteAsync(session.PartitionKey, DeletionBy.Customer, agent: null, agentName: null, reason: null, cancellationToken);
        return deleted.Succeeded ? deleted : new PortalError(ErrorCodes.SessionRequired);
    }

    /// <summary>Deletes the account <paramref name="accountId"/>; true when deleted, <c>account_not_found</c> when there is none.</summary>
    public async Task<Outcome<bool>> DeleteAsync(string accountId, DeletionBy by, string? agent, string? agentName, string? reason, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId))
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var account = await accounts.FindAsync(accountId, cancellationToken);
        if (account is null)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var now = time.GetUtcNow();

        // Sessions first, through the seam that tells OIDC (back-channel logout): from here on no cookie of the account works.
        await sessions.EndOthersAsync(accountId, keep: null, SessionEndReasons.AccountDeleted, cancellationToken);

        // The trail, pseudonymized, before the rows it comes from go.
        var pseudonym = Pseudonym(accountId);
        await KeepTrailAsync(accountId, pseudonym, DeletionRow(pseudonym, now, by, agent, agentName, reason), cancellationToken);

        // Rows elsewhere that name the account, found from its rows; none depends on another, so they go together.
        var emailKey = EmailKey.For(account.Email);
        var phones = Phones(account).Distinct(StringComparer.Ordinal).ToList(); // the pending number may be the current one
        var elsewhere = new List<Task>
        {
            DeleteIfExistsAsync(TableNames.AccountEmails, emailKey, AccountEmailEntity.Row, cancellationToken),
            DeleteIfExistsAsync(TableNames.AccountClaims, ClaimKey.For(account.ClaimNumber), accountId, cancellationToken),
            DeletePartitionAsync(TableNames.ResetCounters, $"email:{emailKey}", cancellationToken),
            DeletePartitionAsync(TableNames.SmsCounters, $"{SmsCounter.AccountScope}:{accountId}", cancellationToken),
            DeletePartitionAsync(TableNames.Audit, accountId, cancellationToken),
            DeletePasskeyLookupsAsync(accountId, cancellationToken),
        };
        elsewhere.AddRange(phones.Select(phone => DeletePartitionAsync(TableNames.SmsCounters, SmsCounter.Phone(phone, now).PartitionKey, cancellationToken)));
        if (emailOptions.Value.ProviderKind == EmailProvider.Outbox)
        {
            elsewhere.Add(DeleteSentToAsync(TableNames.EmailOutbox, OutboxEmailSender.Partition, account.Email, cancellationToken));
        }

        if (smsOptions.Value.ProviderKind == SmsProvider.Outbox)
        {
            elsewhere.AddRange(phones.Select(phone => DeleteSentToAsync(TableNames.SmsOutbox, OutboxSmsSender.Partition, phone, cancellationToken)));
        }

        await Task.WhenAll(elsewhere);

        // The last email, composed before its row goes, and the event (no email, no claim number).
        var farewell = securityEmails.Compose(by == DeletionBy.Retention ? SecurityEmailKind.AccountDeletedAfterClaim : SecurityEmailKind.AccountDeleted, account, now)
            with { Event = PortalEvent.Of(PortalEventTypes.AccountDeleted, now, accountId, claimNumber: null, email: null) };

        // The partition last, the account row after everything else in it: a retry finds the account and finishes the rest.
        await DeletePartitionAsync(TableNames.Accounts, accountId, cancellationToken, lastRowKey: AccountEntity.Row);
        await securityEmails.SendAsync(farewell, accountId);
        LogDeleted(logger, pseudonym, by.ToString());
        return true;
    }

    /// <summary>Whether <paramref name="value"/> can be an account id (a GUID as the portal writes it), so that no key is built from anything else.</summary>
    public static bool IsAccountId(string? value) => value is { Length: 32 or 36 } && Guid.TryParse(value, out _);

    private IEnumerable<string> Phones(AccountEntity account)
    {
        foreach (var stored in new[] { account.SmsPhoneProtected, account.PendingPhoneProtected })
        {
            if (stored is null)
            {
                continue;
            }

            string? phone;
            try
            {
                phone = protector.Unprotect(stored, SmsFactor.PhonePurpose(account.PartitionKey));
            }
            catch (CryptographicException)
            {
                // Under a key no longer listed: its counters expire within a day anyway.
                phone = null;
            }

            if (phone is not null)
            {
                yield return phone;
            }
        }
    }

    // Copies the account's trail rows (its partition's and the old Audit table's) into the pseudonym partition, without the
    // client IP, the detail and the support reason (free text): the event, when, and which agent; then the deletion's own row.
    // One partition, so 100 rows to a transaction (one request for most accounts); a retry writes the same rows again.
    private async Task KeepTrailAsync(string accountId, string pseudonym, AuditEntity deletionRow, CancellationToken cancellationToken)
    {
        var target = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var inAccounts = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey lt {AuditLog.RowKeyEnd}");
        var kept = new Dictionary<string, AuditEntity>(StringComparer.Ordinal);
        await ReadTrailAsync(target, inAccounts, pseudonym, kept, cancellationToken);
        await ReadTrailAsync(tables.Existing(TableNames.Audit), TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), pseudonym, kept, cancellationToken);
        kept[deletionRow.RowKey] = deletionRow;
        foreach (var chunk in kept.Values.Chunk(100))
        {
            await target.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }
    }

    private static async Task ReadTrailAsync(TableClient source, string filter, string pseudonym, Dictionary<string, AuditEntity> kept, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var row in source.QueryAsync<AuditEntity>(filter, cancellationToken: cancellationToken))
            {
                kept[row.RowKey] = new AuditEntity { PartitionKey = pseudonym, RowKey = row.RowKey, Event = row.Event, At = row.At, Agent = row.Agent, AgentName = row.AgentName };
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No Audit table: nothing was written before the trail moved.
        }
    }

    private static AuditEntity DeletionRow(string pseudonym, DateTimeOffset now, DeletionBy by, string? agent, string? agentName, string? reason) => new()
    {
        PartitionKey = pseudonym,
        RowKey = $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}",
        Event = AuditEvents.AccountDeleted,
        At = now,
        Detail = by.ToString().ToLowerInvariant(),
        Agent = agent,
        AgentName = agentName,
        Reason = reason,
    };

    private async Task DeletePasskeyLookupsAsync(string accountId, CancellationToken cancellationToken)
    {
        var lookups = await passkeys.ListAsync(accountId, cancellationToken);
        await Task.WhenAll(lookups.Select(passkey => passkeys.DeleteLookupIfExistsAsync(PasskeyStore.Key(passkey.CredentialId), cancellationToken)));
    }

    // The development outbox (the Outbox senders' table, one partition): the emails or texts sent to the account's address or
    // phone. They name no key of the account, only the address, so they are found by it; the table exists only in Development.
    private Task DeleteSentToAsync(string tableName, string partition, string to, CancellationToken cancellationToken)
        => DeleteWhereAsync(tableName, partition, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and To eq {to}"), lastRowKey: null, cancellationToken);

    private async Task DeleteIfExistsAsync(string tableName, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Existing(tableName).DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Already gone, or the table never existed.
        }
    }

    private Task DeletePartitionAsync(string tableName, string partitionKey, CancellationToken cancellationToken, string? lastRowKey = null)
        => DeleteWhereAsync(tableName, partitionKey, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), lastRowKey, cancellationToken);

    // Deletes the rows of one partition that match filter, 100 to a transaction; lastRowKey (when there) after all the others.
    private async Task DeleteWhereAsync(string tableName, string partitionKey, string filter, string? lastRowKey, CancellationToken cancellationToken)
    {
        var table = tables.Existing(tableName);
        var rows = new List<string>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add(row.RowKey);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return;
        }

        foreach (var chunk in rows.Where(key => key != lastRowKey).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, key), ETag.All)), cancellationToken);
        }

        if (lastRowKey is not null && rows.Contains(lastRowKey))
        {
            await DeleteIfExistsAsync(tableName, partitionKey, lastRowKey, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account deleted ({Pseudonym}) by {By}")]
    private static partial void LogDeleted(ILogger logger, string pseudonym, string by);
}

/// <summary>Body of <c>DELETE /api/me</c>: the customer types <c>DELETE</c> (rule DP2).</summary>
public sealed record DeleteOwnAccountRequest(string? Confirmation) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (!string.Equals(Confirmation?.Trim(), AccountDeletion.CustomerConfirmation, StringComparison.Ordinal))
        {
            errors.Add("confirmation", $"Type {AccountDeletion.CustomerConfirmation} to confirm.");
        }
    }
}

/// <summary>Body of <c>DELETE /api/admin/accounts/{id}</c> and the support route: why (kept in the pseudonymized trail).</summary>
public sealed record DeleteAccountRequest(string? Reason) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => errors.RequireText("reason", Reason, 500);
}

using System.Buffers.Text;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Passkeys;

/// <summary>
/// Reads and writes passkey rows (in their account's partition) and the credential-to-account lookup rows.
/// Adding and removing a passkey go in the account's own transaction (<see cref="Insert"/>, <see cref="Delete"/>).
/// </summary>
public sealed class PasskeyStore(PortalTables tables)
{
    /// <summary>How often recording a use is tried again after a parallel rename changed the row.</summary>
    private const int MaxUseRetries = 5;

    /// <summary>The key of a credential id: SHA-256, Base64url (43 characters), safe in a RowKey and in a URL.</summary>
    public static string Key(ReadOnlySpan<byte> credentialId) => Base64Url.EncodeToString(SHA256.HashData(credentialId));

    public async Task<IReadOnlyList<PasskeyEntity>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey ge {PasskeyEntity.RowPrefix} and RowKey lt {PasskeyEntity.RowPrefixEnd}");
        var list = new List<PasskeyEntity>();
        await foreach (var passkey in table.QueryAsync<PasskeyEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(passkey);
        }

        return list;
    }

    public async Task<PasskeyEntity?> FindAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<PasskeyEntity>(accountId, PasskeyEntity.RowPrefix + id, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The action that adds <paramref name="passkey"/>, to go with the account change that counts it.</summary>
    public static TableTransactionAction Insert(PasskeyEntity passkey) => new(TableTransactionActionType.Add, passkey);

    /// <summary>The action that removes <paramref name="passkey"/>, to go with the account change that stops counting it.</summary>
    public static TableTransactionAction Delete(PasskeyEntity passkey) => new(TableTransactionActionType.Delete, passkey, ETag.All);

    /// <summary>
    /// Records an accepted use: the new signature counter and the time. False when a parallel use of the same
    /// credential got there first with a counter at or above this one (a replayed or cloned assertion).
    /// </summary>
    public async Task<bool> TryRecordUseAsync(PasskeyEntity passkey, uint signCount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var row = passkey;
        for (var attempt = 0; ; attempt++)
        {
            if (signCount != 0 && signCount <= row.SignCount)
            {
                return false;
            }

            row.SignCount = signCount;
            row.LastUsedAt = now;
            try
            {
                var response = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                row.ETag = response.Headers.ETag ?? row.ETag;
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status is 412 or 404 && attempt < MaxUseRetries)
            {
                var fresh = await FindAsync(passkey.PartitionKey, passkey.Id, cancellationToken);
                if (fresh is null)
                {
                    return false;
                }

                row = fresh;
            }
        }
    }

    /// <summary>Renames a passkey; false when the account has no such passkey.</summary>
    public async Task<bool> RenameAsync(string accountId, string id, string name, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var change = new TableEntity(accountId, PasskeyEntity.RowPrefix + id) { [nameof(PasskeyEntity.Name)] = name };
        try
        {
            // Merge on a row that must exist: a use recorded meanwhile keeps its counter.
            await table.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Points a credential at its account, for passwordless sign-in.</summary>
    public async Task AddLookupAsync(string key, string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.PasskeyCredentials, cancellationToken);
        await table.UpsertEntityAsync(new PasskeyLookupEntity { PartitionKey = key, AccountId = accountId }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Whether any account has registered the credential (credential ids are unique across accounts).</summary>
    public async Task<string?> FindAccountIdAsync(string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.PasskeyCredentials, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<PasskeyLookupEntity>(key, PasskeyLookupEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.AccountId : null;
    }

    /// <summary>Removes a credential's lookup row; one that is already gone is no error.</summary>
    public async Task DeleteLookupIfExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteLookupAsync(key, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
    }

    public async Task DeleteLookupAsync(string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.PasskeyCredentials, cancellationToken);
        await table.DeleteEntityAsync(key, PasskeyLookupEntity.Row, ETag.All, cancellationToken);
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// Reads and writes passkey rows (in their account's partition) and the credential-to-account lookup rows.
/// Adding and removing a passkey go in the account's own transaction (<see cref="Insert"/>, <see cref="Delete"/>).
/// </summary>
public sealed class PasskeyStore(PortalTables tables)
{
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
    /// The action that records an accepted use, to go with the account change that counts the proof: the new signature counter
    /// and the time, on the ETag the row was read with, so that of parallel uses of one credential only one is written (a
    /// replayed or cloned assertion loses and is checked again against the counter it lost to).
    /// </summary>
    public static TableTransactionAction RecordUse(PasskeyEntity passkey, uint signCount, DateTimeOffset now)
    {
        var use = new TableEntity(passkey.PartitionKey, passkey.RowKey)
        {
            [nameof(PasskeyEntity.SignCount)] = (long)signCount,
            [nameof(PasskeyEntity.LastUsedAt)] = now,
        };
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, use, passkey.ETag);
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

    private async Task DeleteLookupAsync(string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.PasskeyCredentials, cancellationToken);
        await table.DeleteEntityAsync(key, PasskeyLookupEntity.Row, ETag.All, cancellationToken);
    }
}

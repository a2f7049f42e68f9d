using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Oidc;

/// <summary>The one writer of grant rows (<see cref="OidcGrantEntity"/>); every read names the account's partition.</summary>
public sealed class OidcGrantStore(PortalTables tables)
{
    public static string RowKeyOf(string grantId) => OidcGrantEntity.RowPrefix + grantId;

    /// <summary>Records a redeemed code. False when the row exists already: the code was redeemed before (or at the same moment).</summary>
    public async Task<bool> TryRedeemAsync(OidcGrantEntity grant, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        try
        {
            await table.AddEntityAsync(grant, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    public async Task<OidcGrantEntity?> FindAsync(string accountId, string grantId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<OidcGrantEntity>(accountId, RowKeyOf(grantId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Moves the family on to the next refresh token, on the ETag read; false when another refresh got there first.</summary>
    public async Task<bool> TryRotateAsync(OidcGrantEntity grant, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var next = new TableEntity(grant.PartitionKey, grant.RowKey) { [nameof(OidcGrantEntity.Generation)] = grant.Generation + 1 };
        try
        {
            await table.UpdateEntityAsync(next, grant.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Revokes one family: its refresh tokens stop working. The row stays, marked, until it expires, so a code not yet expired
    /// still finds it and cannot be redeemed (a deleted row would let the next redemption insert it again).
    /// </summary>
    public async Task RevokeAsync(string accountId, string grantId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var revoked = new TableEntity(accountId, RowKeyOf(grantId)) { [nameof(OidcGrantEntity.Generation)] = OidcGrantEntity.RevokedGeneration };
        try
        {
            await table.UpdateEntityAsync(revoked, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Expired and deleted by housekeeping: nothing left to revoke.
        }
    }

    /// <summary>The account's grants (one partition query over the <c>oidcgrant-</c> rows).</summary>
    public async Task<IReadOnlyList<OidcGrantEntity>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {OidcGrantEntity.RowPrefix} and RowKey lt {OidcGrantEntity.RowPrefixEnd}");
        var grants = new List<OidcGrantEntity>();
        await foreach (var grant in table.QueryAsync<OidcGrantEntity>(filter, cancellationToken: cancellationToken))
        {
            grants.Add(grant);
        }

        return grants;
    }

    /// <summary>Revokes the given grants (a logout, a new password, a support reset); answers how many.</summary>
    public async Task<int> RevokeAllAsync(IReadOnlyCollection<OidcGrantEntity> grants, CancellationToken cancellationToken)
    {
        foreach (var grant in grants)
        {
            await RevokeAsync(grant.PartitionKey, grant.RowKey[OidcGrantEntity.RowPrefix.Length..], cancellationToken);
        }

        return grants.Count;
    }
}

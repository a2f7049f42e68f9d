using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>
/// Single use of proof-of-work challenges: the nonce of each challenge spent is inserted into <c>SpentChallenges</c> (partition: the
/// nonce's first two hex digits, row: the nonce), and an insert that finds it there is a replay. Rows expire with their challenge
/// (<c>ExpiresAt</c>, swept by the housekeeping job); after that the challenge itself is refused as expired.
/// </summary>
public sealed class SpentChallengeStore(PortalTables tables)
{
    /// <summary>Records the challenge as spent; false when it was spent before.</summary>
    public async Task<bool> TrySpendAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.SpentChallenges, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(nonce[..2], nonce) { [ThrottleStore.ExpiresAtProperty] = expiresAt }, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }
}

using Azure;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// The open ceremonies' options and challenges: one per binding (a purpose and a session, or a purpose and a cookie),
/// a new one replacing the old; taken once, by a read and a delete conditional on the row's ETag, so that of parallel
/// answers to one challenge exactly one goes on (rule PK2).
/// </summary>
public sealed class PasskeyChallengeStore(PortalTables tables, IOptions<PasskeyOptions> options, TimeProvider time)
{
    /// <summary>How long a ceremony's challenge can be answered (<see cref="PasskeyOptions.ChallengeLifetime"/>).</summary>
    public TimeSpan Lifetime => options.Value.ChallengeLifetime;

    public async Task SaveAsync(string binding, string optionsJson, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.PasskeyChallenges, cancellationToken);
        var row = new PasskeyChallengeEntity
        {
            PartitionKey = binding,
            OptionsJson = optionsJson,
            ExpiresAt = time.GetUtcNow() + options.Value.ChallengeLifetime,
        };
        await table.UpsertEntityAsync(row, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The options of the binding's open ceremony, removed as they are read; null when none is open, or it expired, or a parallel request took it.</summary>
    public async Task<string?> TakeAsync(string binding, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.PasskeyChallenges, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<PasskeyChallengeEntity>(binding, PasskeyChallengeEntity.Row, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var row = response.Value!;
        try
        {
            await table.DeleteEntityAsync(binding, PasskeyChallengeEntity.Row, row.ETag, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return null;
        }

        return row.ExpiresAt > time.GetUtcNow() ? row.OptionsJson : null;
    }
}

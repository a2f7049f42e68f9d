using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.SignIn;

/// <summary>
/// Makes every sign-in outcome cost the same storage work (rule S-13): an unknown email reads an account row that cannot exist
/// and writes a decoy row where a known email reads and writes its account; a locked or not-activated account, which changes
/// nothing, writes the decoy row too. So each outcome is the email lookup, one account read, one write and the audit row.
/// </summary>
public sealed class SignInDecoyStore(PortalTables tables, AccountStore accounts)
{
    /// <summary>Decoy rows are spread over this many partitions, so parallel sign-ins do not all write one row.</summary>
    public const int Shards = 16;

    /// <summary>Reads an account id no account has (real ids are 32 hex digits), as a known email reads its account.</summary>
    public Task ReadAsync(CancellationToken cancellationToken) => accounts.FindAsync("decoy-" + Guid.NewGuid().ToString("N"), cancellationToken);

    /// <summary>An unconditional replace of one of <see cref="Shards"/> rows: the size and kind of the account write, never a conflict.</summary>
    public async Task WriteAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.SignInDecoys, cancellationToken);
        var row = new SignInDecoyEntity { PartitionKey = $"decoy-{RandomNumberGenerator.GetInt32(Shards):D2}", WrittenAt = now };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}

/// <summary>A row written only to make read-only sign-in outcomes cost a write; it holds nothing but when it was last written.</summary>
public sealed class SignInDecoyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "decoy";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset WrittenAt { get; set; }
}

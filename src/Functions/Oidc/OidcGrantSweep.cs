using Azure.Data.Tables;
using CustomerPortal.Functions.Housekeeping;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.Oidc;

/// <summary>Grant rows past their expiry (revoked ones included), for the hourly housekeeping job (OI13).</summary>
public sealed class OidcGrantSweep : IExpiringRowsSource
{
    public const string ExpiredKind = "oidc_grant";

    public IEnumerable<ExpiringRows> ExpiringRows(DateTimeOffset now)
    {
        yield return new ExpiringRows(
            TableNames.Accounts,
            TableClient.CreateQueryFilter($"RowKey ge {OidcGrantEntity.RowPrefix} and RowKey lt {OidcGrantEntity.RowPrefixEnd} and ExpiresAt le {now}"),
            ExpiredKind);
    }
}

using CustomerPortal.Functions.SecondFactors;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>A feature whose rows expire (OpenID Connect's grants): the hourly job sweeps them as it does a second factor's.</summary>
public interface IExpiringRowsSource
{
    IEnumerable<ExpiringRows> ExpiringRows(DateTimeOffset now);
}

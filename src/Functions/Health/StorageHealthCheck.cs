using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Health;

/// <summary>Answers whether Table Storage responds, within a short time budget.</summary>
public sealed partial class StorageHealthCheck(PortalTables tables, ILogger<StorageHealthCheck> logger)
{
    /// <summary>How long the probe may take before storage counts as down: 3 seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<bool> IsStorageUpAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await foreach (var _ in tables.Service.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStorageDown(logger, exception.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table Storage health probe failed: {ErrorType}")]
    private static partial void LogStorageDown(ILogger logger, string errorType);
}

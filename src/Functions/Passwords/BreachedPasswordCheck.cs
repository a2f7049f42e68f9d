using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Passwords;

/// <summary>
/// Whether a new password is known from a data breach (rule P12): asked of <see cref="PwnedPasswordsClient"/> at activation, reset and
/// change. When the API cannot be reached within its time budget the password is accepted: a warning is logged and the check counted
/// as <c>unavailable</c> in <c>portal.breached_password_checks</c>, so an outage of a third party never stops a customer from
/// choosing a password (the length and strength rules still hold), and ops see how many went unchecked.
/// </summary>
public sealed partial class BreachedPasswordCheck(
    PwnedPasswordsClient client,
    IOptions<BreachedPasswordOptions> options,
    PortalMetrics metrics,
    ILogger<BreachedPasswordCheck> logger)
{
    /// <summary>True when the password is in the corpus; <paramref name="where"/> (<c>activation</c>, <c>reset</c>, <c>change</c>) names the check in the metric and the log.</summary>
    public async Task<bool> IsBreachedAsync(string password, string where, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return false;
        }

        long count;
        try
        {
            count = await client.CountAsync(password, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or TimeoutException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            LogUnavailable(logger, where, exception.GetType().Name);
            metrics.BreachedPasswordCheck(where, "unavailable");
            return false;
        }

        metrics.BreachedPasswordCheck(where, count > 0 ? "breached" : "not_breached");
        return count > 0;
    }

    [LoggerMessage(EventId = 2510, Level = LogLevel.Warning, Message = "Breached-password check at {Where} not made: the Pwned Passwords API did not answer ({Reason}); the password was accepted unchecked")]
    private static partial void LogUnavailable(ILogger logger, string where, string reason);
}

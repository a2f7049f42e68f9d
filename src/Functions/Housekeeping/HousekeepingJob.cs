using System.Diagnostics;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Privacy;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Housekeeping;

/// <summary>
/// Deletes expired sessions and remembered devices, ended SMS counters, outbox messages older than a day, audit rows older than
/// <c>Audit:RetentionDays</c> and passkey challenges never answered, and clears expired activation tokens, SMS codes and unconfirmed
/// setup keys and phone numbers.
/// </summary>
/// <remarks>
/// Paged, and it keeps no state of its own: each run asks storage what has expired now, so a run that crashed or ran out of
/// time leaves the rest to the next, and two runs at once only find each other's rows gone (deletes and account writes are
/// conditional on the ETag read). Only this job scans tables; request paths read by key.
/// </remarks>
public sealed partial class HousekeepingJob(
    PortalTables tables,
    AccountStore accounts,
    SessionService sessions,
    SecondFactorRegistry factors,
    AccountRetention retention,
    IEnumerable<IExpiringRowsSource> otherRows,
    ExpiredAccountValues expiredValues,
    IOptions<AuditOptions> audit,
    IOptions<HousekeepingOptions> options,
    TimeProvider time,
    PortalMetrics metrics,
    ILogger<HousekeepingJob> logger)
{
    public async Task<HousekeepingReport> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = PortalTelemetry.Source.StartActivity("housekeeping");
        var now = time.GetUtcNow();
        var started = time.GetTimestamp();
        var budget = options.Value.TimeBudget;
        var report = new HousekeepingReport();
        bool BudgetLeft() => time.GetElapsedTime(started) < budget;

        try
        {
            var complete = await RetentionAsync(now, report, BudgetLeft, cancellationToken)
                && await SessionsAsync(now, report, BudgetLeft, cancellationToken)
                && await SignedOutMarkersAsync(now, report, BudgetLeft, cancellationToken)
                && await AccountValuesAsync(now, report, BudgetLeft, cancellationToken)
                && await DevicesAsync(now, report, BudgetLeft, cancellationToken)
                && await SmsCountersAsync(now, report, BudgetLeft, cancellationToken)
                && await ResetCountersAsync(now, report, BudgetLeft, cancellationToken)
                && await ExpiredRowsAsync(TableNames.SignInThrottle, HousekeepingKinds.ThrottleCounter, now, report, BudgetLeft, cancellationToken)
                && await ExpiredRowsAsync(TableNames.SpentChallenges, HousekeepingKinds.SpentChallenge, now, report, BudgetLeft, cancellationToken)
                && await OutboxAsync(now, report, BudgetLeft, cancellationToken)
                && await AuditAsync(now, report, BudgetLeft, cancellationToken)
                && await SecondFactorRowsAsync(now, report, BudgetLeft, cancellationToken);
            report.Complete = complete;
        }
        catch (Exception exception)
        {
            metrics.HousekeepingRun("failed");
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            LogFailed(logger, exception, report.ToString());
            throw;
        }

        foreach (var (kind, count) in report.Removed)
        {
            activity?.SetTag("removed." + kind, count);
        }

        metrics.HousekeepingRun(report.Complete ? "completed" : "stopped_early");
        if (report.Complete)
        {
            LogCompleted(logger, report.ToString());
        }
        else
        {
            LogStoppedEarly(logger, budget, report.ToString());
        }

        return report;
    }

    // Accounts whose claim closed long enough ago (rule DP5): the warning email, then the deletion.
    private async Task<bool> RetentionAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var (warned, deleted, complete) = await retention.RunAsync(now, budgetLeft, cancellationToken);
        if (warned > 0)
        {
            Count(report, HousekeepingKinds.RetentionWarning, warned);
        }

        if (deleted > 0)
        {
            Count(report, HousekeepingKinds.AccountDeleted, deleted);
        }

        return complete;
    }

    // Session rows sit in their account's partition, next to the account row: their row keys start with "session-" ('.' follows '-').
    private async Task<bool> SessionsAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var idleSince = sessions.IdleSince(now);
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {SessionEntity.RowPrefix} and RowKey lt {SessionEntity.RowPrefixEnd} and (ExpiresAt le {now} or LastSeenAt le {idleSince})");
        return await ExpiredRowSweep.RunAsync<SessionEntity>(
            table, filter, session => sessions.HasEnded(session, now), budgetLeft, count => Count(report, HousekeepingKinds.Session, count), cancellationToken);
    }

    // What "Sign out other devices" leaves of a session, for its browser to be told why: gone once that session would have expired.
    private async Task<bool> SignedOutMarkersAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {SignedOutMarkerEntity.RowPrefix} and RowKey lt {SignedOutMarkerEntity.RowPrefixEnd} and ExpiresAt le {now}");
        return await ExpiredRowSweep.RunAsync<SignedOutMarkerEntity>(
            table, filter, marker => marker.ExpiresAt <= now, budgetLeft, count => Count(report, HousekeepingKinds.SignedOutMarker, count), cancellationToken);
    }

    // Remembered devices sit in their account's partition too: their row keys start with "device-".
    private async Task<bool> DevicesAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {DeviceEntity.RowPrefix} and RowKey lt {DeviceEntity.RowPrefixEnd} and ExpiresAt le {now}");
        return await ExpiredRowSweep.RunAsync<DeviceEntity>(
            table, filter, device => device.ExpiresAt <= now, budgetLeft, count => Count(report, HousekeepingKinds.Device, count), cancellationToken);
    }

    private async Task<bool> AccountValuesAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);

        // Over-inclusive on purpose (a phone waiting for a live code); ExpiredAccountValues decides on each row.
        var filter = expiredValues.Filter(now);
        await foreach (var page in table.QueryAsync<AccountEntity>(filter, maxPerPage: ExpiredRowSweep.PageSize, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var account in page.Values)
            {
                // Written through the account store on the ETag read, so a parallel sign-in step or run is never undone.
                var cleared = await accounts.ChangeAsync(account, current =>
                {
                    var values = current is null ? [] : expiredValues.Clear(current, now);
                    return values.Count > 0 ? AccountChange<IReadOnlyList<string>>.Save(values) : AccountChange<IReadOnlyList<string>>.ReadOnly(values);
                }, cancellationToken);
                foreach (var kind in cleared)
                {
                    Count(report, kind, 1);
                }
            }

            if (!budgetLeft())
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> SmsCountersAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var table = tables.Existing(TableNames.SmsCounters);
        // CounterStore writes ExpiresAt on every counter (its ExpiresAtProperty); a property name is not a query value, so it is spelt out.
        var filter = TableClient.CreateQueryFilter($"ExpiresAt le {now}");
        return await ExpiredRowSweep.RunAsync<TableEntity>(
            table, filter, _ => true, budgetLeft, count => Count(report, HousekeepingKinds.SmsCounter, count), cancellationToken);
    }

    private async Task<bool> ResetCountersAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        // The password reset limits' counters (PR6), written by the same CounterStore with ExpiresAt at their hour's end.
        var table = tables.Existing(TableNames.ResetCounters);
        var filter = TableClient.CreateQueryFilter($"ExpiresAt le {now}");
        return await ExpiredRowSweep.RunAsync<TableEntity>(
            table, filter, _ => true, budgetLeft, count => Count(report, HousekeepingKinds.ResetCounter, count), cancellationToken);
    }

    // Rows that carry their own ExpiresAt (the sign-in throttle's counts at their window's end, spent challenges at their expiry).
    private async Task<bool> ExpiredRowsAsync(string tableName, string kind, DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"ExpiresAt le {now}");
        return await ExpiredRowSweep.RunAsync<TableEntity>(
            tables.Existing(tableName), filter, _ => true, budgetLeft, count => Count(report, kind, count), cancellationToken);
    }

    private async Task<bool> OutboxAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var table = tables.Existing(TableNames.SmsOutbox);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {OutboxSmsSender.Partition} and RowKey ge {OutboxSmsSender.FirstRowKeyOlderThan(now - OutboxSmsSender.Retention)}");
        return await ExpiredRowSweep.RunAsync<TableEntity>(
            table, filter, _ => true, budgetLeft, count => Count(report, HousekeepingKinds.OutboxMessage, count), cancellationToken);
    }

    // Every account's partition of the Accounts table (audit row keys sort below every other row of it), and the Audit table's
    // (the unknown-account partition, and the rows written before an account's events moved to its partition): scans, which only this job does.
    private async Task<bool> AuditAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        var keepFrom = now - TimeSpan.FromDays(audit.Value.RetentionDays);
        var firstOld = AuditLog.FirstRowKeyOlderThan(keepFrom);
        var inAccounts = TableClient.CreateQueryFilter($"RowKey ge {firstOld} and RowKey lt {AuditLog.RowKeyEnd}");
        return await ExpiredRowSweep.RunAsync<AuditEntity>(
                tables.Existing(TableNames.Accounts), inAccounts, row => row.At < keepFrom, budgetLeft, count => Count(report, HousekeepingKinds.AuditEvent, count), cancellationToken)
            && await ExpiredRowSweep.RunAsync<AuditEntity>(
                tables.Existing(TableNames.Audit), TableClient.CreateQueryFilter($"RowKey ge {firstOld}"), row => row.At < keepFrom, budgetLeft, count => Count(report, HousekeepingKinds.AuditEvent, count), cancellationToken);
    }

    // Each second factor's own tables (passkey ceremonies nobody answered: passwordless options are open to anyone).
    private async Task<bool> SecondFactorRowsAsync(DateTimeOffset now, HousekeepingReport report, Func<bool> budgetLeft, CancellationToken cancellationToken)
    {
        foreach (var rows in factors.All.SelectMany(factor => factor.ExpiringRows(now)).Concat(otherRows.SelectMany(source => source.ExpiringRows(now))))
        {
            var swept = await ExpiredRowSweep.RunAsync<TableEntity>(
                tables.Existing(rows.Table), rows.Filter, row => row.GetDateTimeOffset("ExpiresAt") <= now, budgetLeft, count => Count(report, rows.Kind, count), cancellationToken);
            if (!swept)
            {
                return false;
            }
        }

        return true;
    }

    private void Count(HousekeepingReport report, string kind, int count)
    {
        report.Add(kind, count);
        metrics.Removed(kind, count);
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Housekeeping completed: {Removed}")]
    private static partial void LogCompleted(ILogger logger, string removed);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Housekeeping stopped after its time budget of {TimeBudget}; the next run goes on. So far: {Removed}")]
    private static partial void LogStoppedEarly(ILogger logger, TimeSpan timeBudget, string removed);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Housekeeping failed; the next run starts again from what is left. So far: {Removed}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string removed);
}

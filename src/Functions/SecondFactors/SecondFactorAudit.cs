using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Telemetry;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// Records what a second-factor step's result stands for: its audit event, its metrics (codes checked, setups, locks), and the
/// security email about a lock or a recovery code used. The event and the email are decided in the step's account change, so
/// the audit row goes in the same transaction and the email is claimed on the row it reports (<see cref="Decide"/>,
/// <see cref="With"/>); the metrics, the email and any row that had no transaction to go in follow the write (<see cref="DoneAsync"/>).
/// </summary>
public sealed class SecondFactorAudit(AuditLog audit, PortalMetrics metrics, SecurityEmails securityEmails, TimeProvider time)
{
    /// <summary>In an account change: the audit event of this result and, for a lock or a recovery code used, the email, claimed on <paramref name="account"/>.</summary>
    public StepRecord Decide(AccountEntity account, ISecondFactor factor, PortalError? error, string successEvent, string clientIp)
    {
        var used = error is null ? factor.Used : null;
        var auditEvent = error?.Code switch
        {
            null => used?.AuditEvent ?? successEvent,
            ErrorCodes.InvalidCode or ErrorCodes.PasskeyRejected => AuditEvents.MfaFailed,
            ErrorCodes.MfaLocked => AuditEvents.MfaLocked,
            _ => null,
        };
        SecurityEmailKind? kind = auditEvent == AuditEvents.MfaLocked ? SecurityEmailKind.SecondFactorLocked : used?.Email;
        var email = kind is { } emailKind ? securityEmails.Claim(account, emailKind, time.GetUtcNow()) : null;
        var row = auditEvent is null ? null : audit.Row(account.PartitionKey, auditEvent, clientIp, factor.Name);
        return new StepRecord(auditEvent, row, email);
    }

    /// <summary>
    /// <paramref name="change"/> with the step's audit row in its transaction. A change that writes nothing stays so (its row is
    /// written alone afterwards), unless claiming the email changed the account.
    /// </summary>
    public static AccountChange<T> With<T>(AccountChange<T> change, StepRecord record)
    {
        if (record.Row is not { } row)
        {
            return change.Write || record.Email is null ? change : AccountChange<T>.Save(change.Result);
        }

        if (change.Write || record.Email is not null)
        {
            record.InTransaction = true;
            return new AccountChange<T>(change.Result, true, [.. change.Extra ?? [], row]);
        }

        return change;
    }

    /// <summary>After the write: the metrics, the email queued, and the audit row when it had no transaction to go in.</summary>
    public async Task DoneAsync(string accountId, ISecondFactor factor, PortalError? error, string successEvent, StepRecord? record, string clientIp, CancellationToken cancellationToken)
    {
        RecordMetrics(factor.Name, error, successEvent);
        if (record is null)
        {
            return;
        }

        await securityEmails.SendAsync(record.Email, accountId);
        if (record.Event is { } auditEvent && !record.InTransaction)
        {
            await audit.WriteAsync(accountId, auditEvent, clientIp, factor.Name, cancellationToken);
        }
    }

    /// <summary>A setup plan chosen (<c>"sms,totp"</c>): its audit row and the <c>started</c> setups.</summary>
    public async Task PlanChosenAsync(string accountId, IReadOnlyList<string> methods, string clientIp, CancellationToken cancellationToken)
    {
        foreach (var planned in methods)
        {
            metrics.Setup(planned, "started");
        }

        await audit.WriteAsync(accountId, AuditEvents.MfaSetupStarted, clientIp, string.Join(',', methods), cancellationToken);
    }

    private void RecordMetrics(string method, PortalError? error, string successEvent)
    {
        var purpose = successEvent switch
        {
            AuditEvents.MfaVerified or AuditEvents.PasskeySignedIn => "sign_in",
            AuditEvents.MfaSteppedUp => "step_up",
            _ => "setup",
        };
        metrics.SecondFactor(method, purpose, error?.Code ?? PortalMetrics.Succeeded);
        if (error is null && purpose == "setup")
        {
            metrics.Setup(method, "completed");
        }

        if (MfaAttempt.StartedLock(error))
        {
            metrics.LockStarted("second_factor");
        }
    }
}

/// <summary>What one decision of a second-factor step records: its audit event and row, and the security email it claimed.</summary>
public sealed record StepRecord(string? Event, TableTransactionAction? Row, EmailMessage? Email)
{
    /// <summary>Whether the row went in the change's transaction (set by <see cref="SecondFactorAudit.With"/>).</summary>
    public bool InTransaction { get; set; }
}

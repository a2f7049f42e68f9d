using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Telemetry;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Records what a second-factor step's result stands for: its audit event, its metrics (codes checked, setups, locks),
/// and the security email about a lock or a recovery code used.
/// </summary>
public sealed class SecondFactorAudit(AuditLog audit, PortalMetrics metrics, SecurityEmails securityEmails)
{
    public async Task WriteAsync(string accountId, string method, PortalError? error, string successEvent, string clientIp, CancellationToken cancellationToken)
    {
        RecordMetrics(method, error, successEvent);
        var auditEvent = error?.Code switch
        {
            null => method == MfaMethods.Recovery ? AuditEvents.RecoveryCodeUsed : successEvent,
            ErrorCodes.InvalidCode or ErrorCodes.PasskeyRejected => AuditEvents.MfaFailed,
            ErrorCodes.MfaLocked => AuditEvents.MfaLocked,
            _ => null,
        };
        if (auditEvent is null)
        {
            return;
        }

        await audit.WriteAsync(accountId, auditEvent, clientIp, method, cancellationToken);
        if (auditEvent is AuditEvents.MfaLocked or AuditEvents.RecoveryCodeUsed)
        {
            await securityEmails.NotifyAsync(accountId, auditEvent == AuditEvents.MfaLocked ? SecurityEmailKind.SecondFactorLocked : SecurityEmailKind.RecoveryCodeUsed, null, cancellationToken);
        }
    }

    private void RecordMetrics(string method, PortalError? error, string successEvent)
    {
        if (successEvent == AuditEvents.MfaSetupStarted)
        {
            // The plan: "sms,totp".
            foreach (var planned in method.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                metrics.Setup(planned, "started");
            }

            return;
        }

        var purpose = successEvent is AuditEvents.MfaVerified or AuditEvents.PasskeySignedIn ? "sign_in" : "setup";
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

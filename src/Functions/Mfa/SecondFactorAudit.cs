using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Writes the audit event that a second-factor attempt's result stands for, and emails the customer about a lock or a recovery code used.</summary>
public sealed class SecondFactorAudit(AuditLog audit, SecurityEmails securityEmails)
{
    public async Task WriteAsync(string accountId, string method, PortalError? error, string successEvent, string clientIp, CancellationToken cancellationToken)
    {
        var auditEvent = error?.Code switch
        {
            null => method == MfaMethods.Recovery ? AuditEvents.RecoveryCodeUsed : successEvent,
            ErrorCodes.InvalidCode => AuditEvents.MfaFailed,
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
}

using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Writes the audit event that a second-factor attempt's result stands for.</summary>
public sealed class SecondFactorAudit(AuditLog audit)
{
    public Task WriteAsync(string accountId, string method, PortalError? error, string successEvent, string clientIp, CancellationToken cancellationToken)
    {
        var auditEvent = error?.Code switch
        {
            null => method == MfaMethods.Recovery ? AuditEvents.RecoveryCodeUsed : successEvent,
            ErrorCodes.InvalidCode => AuditEvents.MfaFailed,
            ErrorCodes.MfaLocked => AuditEvents.MfaLocked,
            _ => null,
        };
        return auditEvent is null ? Task.CompletedTask : audit.WriteAsync(accountId, auditEvent, clientIp, method, cancellationToken);
    }
}

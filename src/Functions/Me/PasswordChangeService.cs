using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SecondFactors;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Me;

/// <summary>
/// A signed-in customer changes the password. The current password is checked as at sign-in: a wrong one counts toward the
/// password lock (<see cref="PasswordLockout"/>), and while locked even the right one is refused, unchecked. The new password
/// meets the policy; every other session of the account ends; the customer is emailed.
/// </summary>
public sealed class PasswordChangeService(
    SessionEndingChange change,
    PortalPasswordHasher hasher,
    PasswordPolicy policy,
    AuditLog audit,
    SecurityEmails securityEmails,
    DeviceService devices,
    SecondFactorSummary summary,
    IOptions<SignInOptions> signIn,
    BreachedPasswordCheck breaches,
    TimeProvider time)
{
    public async Task<Outcome<bool>> ChangeAsync(SessionEntity session, ChangePasswordRequest request, string clientIp, CancellationToken cancellationToken)
    {
        // A session that proved no second factor (a remembered device's password alone) proves one first (rule PC6): a stolen
        // laptop with a saved password must not lock the customer out by changing it.
        if (session.SecondFactorAt is null)
        {
            return new PortalError(ErrorCodes.StepUpRequired);
        }

        var accountId = session.PartitionKey;
        var checks = new OneHashPerRequest(hasher, request.CurrentPassword!);
        var breached = await breaches.IsBreachedAsync(request.NewPassword!, "change", cancellationToken);
        string? newHash = null;
        AccountEntity? written = null;
        var attempt = await change.RunAsync(accountId, keep: session, SessionEndReasons.PasswordChanged, account =>
        {
            written = account;
            if (account?.PasswordHash is null)
            {
                return (AccountChange<Attempt>.ReadOnly(new Attempt(new PortalError(ErrorCodes.SessionRequired))), false);
            }

            var now = time.GetUtcNow();
            if (PasswordLockout.IsLocked(account, now))
            {
                checks.Dummy();
                return (AccountChange<Attempt>.ReadOnly(Attempt.Wrong(AuditEvents.PasswordChangeFailed, "locked")), false);
            }

            if (checks.Against(account.PasswordHash) == PasswordCheck.Failed)
            {
                if (PasswordLockout.RecordFailure(account, now, signIn.Value))
                {
                    var locked = Attempt.Wrong(AuditEvents.PasswordLocked, "current-password") with { Email = securityEmails.Claim(account, SecurityEmailKind.PasswordLocked, now) };
                    return (AccountChange<Attempt>.Save(locked), false);
                }

                return (AccountChange<Attempt>.Save(Attempt.Wrong(AuditEvents.PasswordChangeFailed, "wrong-password")), false);
            }

            var problems = policy.Check(request.NewPassword!, [account.Email, account.DisplayName, account.ClaimNumber]);
            if (problems.Count > 0)
            {
                var errors = new Dictionary<string, string[]> { ["newPassword"] = [.. problems] };
                return (AccountChange<Attempt>.ReadOnly(new Attempt(new PortalError(ErrorCodes.PasswordRejected, Errors: errors))), false);
            }

            if (breached)
            {
                return (AccountChange<Attempt>.ReadOnly(new Attempt(BreachedPasswordError.For("newPassword"))), false);
            }

            account.PasswordHash = newHash ??= hasher.Hash(request.NewPassword!);
            PasswordLockout.RecordSuccess(account);

            // A reset link still in the mailbox would undo this change: it dies with the old password.
            account.PasswordResetTokenHash = null;
            account.PasswordResetExpiresAt = null;
            var notice = securityEmails.Claim(account, SecurityEmailKind.PasswordChanged, now, details: new SecurityEmailDetails(MethodsLeft: summary.Describe(account)));
            var changed = new Attempt(true, AuditEvents.PasswordChanged, null, notice);
            return (AccountChange<Attempt>.Save(changed), true);
        }, cancellationToken);

        var email = attempt.Event == AuditEvents.PasswordChanged
            ? await summary.NamingItemsAsync(attempt.Email, SecurityEmailKind.PasswordChanged, written!, time.GetUtcNow(), cancellationToken)
            : attempt.Email;
        await securityEmails.SendAsync(email, accountId);
        if (attempt.Event is { } auditEvent)
        {
            await audit.WriteAsync(accountId, auditEvent, clientIp, attempt.Detail, cancellationToken);
        }

        if (attempt.Event == AuditEvents.PasswordChanged)
        {
            // After the write that ended the other sessions, so every device remembered before the change is listed.
            await devices.ForgetAllAsync(accountId, DeviceForgetReasons.PasswordChanged, clientIp, cancellationToken);
        }

        return attempt.Outcome;
    }

    /// <summary>What one change decided: the answer, the audit event and detail, and a security email to send once written.</summary>
    private sealed record Attempt(Outcome<bool> Outcome, string? Event = null, string? Detail = null, EmailMessage? Email = null)
    {
        public static Attempt Wrong(string auditEvent, string detail) => new(new PortalError(ErrorCodes.CurrentPasswordWrong), auditEvent, detail);
    }
}

using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SignIn;

/// <summary>
/// The enrolment link of support's reset-mfa (rule SD15): the link and the password start a pending session that has proven the
/// mailbox, the only kind that may set up the first method after such a reset. The password is checked as at sign-in (the same
/// lock, one PBKDF2 per request); an unknown, used, replaced or expired link is refused before any hashing.
/// </summary>
public sealed class EnrolmentService(
    AccountStore store,
    SessionService sessions,
    EnrolmentLinks links,
    PortalPasswordHasher hasher,
    AuditLog audit,
    SecurityEmails securityEmails,
    SecondFactorRegistry factors,
    PortalMetrics metrics,
    IOptions<SignInOptions> options,
    TimeProvider time)
{
    /// <summary><c>POST /api/auth/enrolment</c>: the link's token and the password; a pending session at <c>mfa-setup</c>.</summary>
    public async Task<Outcome<SessionStepResult<SignInResponse>>> EnrolAsync(EnrolmentRequest request, string clientIp, string device, CancellationToken cancellationToken)
    {
        if (!AccountToken.TryParse(request.Token, out var token))
        {
            return new PortalError(ErrorCodes.EnrolmentLinkInvalid);
        }

        var checks = new OneHashPerRequest(hasher, request.Password!);
        var read = await store.ReadAsync(token.AccountId, [], cancellationToken, withSessions: true);
        var attempt = await store.ChangeAsync(
            read, token.AccountId, [], rows => Task.FromResult(Decide(rows, token.Secret, checks, device)), cancellationToken, withSessions: true);

        await securityEmails.SendAsync(attempt.Email, token.AccountId);
        if (attempt.Ended.Count > 0)
        {
            await sessions.EndedAsync(token.AccountId, attempt.Ended, SessionEndReasons.SessionLimit, cancellationToken);
        }

        if (attempt.Event is { } auditEvent)
        {
            await audit.WriteAsync(token.AccountId, auditEvent, clientIp, attempt.Detail, cancellationToken);
        }

        if (attempt.Event == AuditEvents.PasswordLocked)
        {
            metrics.LockStarted("password");
        }

        return attempt.Outcome;
    }

    private AccountChange<Attempt> Decide(AccountRows rows, string secret, OneHashPerRequest checks, string device)
    {
        var now = time.GetUtcNow();
        if (rows.Account is not { PasswordHash: { } stored } account || !links.Matches(account, secret, now))
        {
            return AccountChange<Attempt>.ReadOnly(new Attempt(new PortalError(ErrorCodes.EnrolmentLinkInvalid)));
        }

        if (PasswordLockout.IsLocked(account, now))
        {
            checks.Dummy();
            return AccountChange<Attempt>.ReadOnly(Attempt.Refused(AuditEvents.SignInFailed, "locked"));
        }

        if (checks.Against(stored) == PasswordCheck.Failed)
        {
            return PasswordLockout.RecordFailure(account, now, options.Value)
                ? AccountChange<Attempt>.Save(Attempt.Refused(AuditEvents.PasswordLocked, "wrong-password") with { Email = securityEmails.Claim(account, SecurityEmailKind.PasswordLocked, now) })
                : AccountChange<Attempt>.Save(Attempt.Refused(AuditEvents.SignInFailed, "wrong-password"));
        }

        PasswordLockout.RecordSuccess(account);
        var (cookie, insert) = sessions.Start(account, SessionStages.Pending, device: device, proven: [AuthenticationMethods.Password], mailboxProven: true);
        var limit = sessions.Limit(rows.Sessions, SessionStages.Pending);
        var step = new SessionStepResult<SignInResponse>(SignInResponse.For(account, factors), cookie);
        return AccountChange<Attempt>.Save(new Attempt(step, AuditEvents.EnrolmentLinkUsed, null, Ended: limit.Sids), [insert, .. limit.Ends]);
    }

    /// <summary>What one decision made: the answer, its audit event and detail, a lock's email, and sessions the new one ended.</summary>
    private sealed record Attempt(Outcome<SessionStepResult<SignInResponse>> Outcome, string? Event = null, string? Detail = null, EmailMessage? Email = null, IReadOnlyList<string>? Ended = null)
    {
        public IReadOnlyList<string> Ended { get; init; } = Ended ?? [];

        public static Attempt Refused(string auditEvent, string detail) => new(new PortalError(ErrorCodes.InvalidCredentials), auditEvent, detail);
    }
}

/// <summary>Body of <c>POST /api/auth/enrolment</c>: the token of the emailed enrolment link and the account's password.</summary>
public sealed record EnrolmentRequest(string? Token, string? Password) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("token", Token, 200);
        PasswordField.Validate(errors, Password);
    }
}

using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Sessions;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Auth;

/// <summary>
/// Activation and password sign-in. An unknown email, a wrong password, an account not yet activated
/// and a locked account all answer the same <c>invalid_credentials</c>, after the same amount of hashing and the same
/// storage requests (<see cref="SignInDecoyStore"/>).
/// </summary>
public sealed class AuthService(
    AccountStore store,
    SessionService sessions,
    PortalPasswordHasher hasher,
    PasswordPolicy policy,
    AuditLog audit,
    SignInDecoyStore decoys,
    SecurityEmails securityEmails,
    IOptions<SignInOptions> options,
    TimeProvider time,
    PortalMetrics metrics)
{
    public async Task<Outcome<SessionStepResult<SignInResponse>>> ActivateAsync(ActivateRequest request, string clientIp, string device, CancellationToken cancellationToken)
    {
        if (!AccountToken.TryParse(request.Token, out var token))
        {
            return new PortalError(ErrorCodes.ActivationInvalid);
        }

        var outcome = await store.ChangeAsync<Outcome<SessionStepResult<SignInResponse>>>(token.AccountId, account =>
        {
            if (account is null || !ActivationTokenMatches(account, token.Secret, time.GetUtcNow()))
            {
                return AccountChange<Outcome<SessionStepResult<SignInResponse>>>.ReadOnly(new PortalError(ErrorCodes.ActivationInvalid));
            }

            var problems = policy.Check(request.Password!, [account.Email, account.DisplayName, account.ClaimNumber]);
            if (problems.Count > 0)
            {
                var errors = new Dictionary<string, string[]> { ["password"] = [.. problems] };
                return AccountChange<Outcome<SessionStepResult<SignInResponse>>>.ReadOnly(new PortalError(ErrorCodes.PasswordRejected, Errors: errors));
            }

            account.PasswordHash = hasher.Hash(request.Password!);
            account.ActivationTokenHash = null;
            account.ActivationExpiresAt = null;
            PasswordLockout.RecordSuccess(account);
            var (cookie, insert) = sessions.Start(account, SessionStages.Pending, device: device);
            return AccountChange<Outcome<SessionStepResult<SignInResponse>>>.Save(new SessionStepResult<SignInResponse>(SignInResponse.For(account), cookie), insert);
        }, cancellationToken);

        if (outcome.Succeeded)
        {
            await audit.WriteAsync(token.AccountId, AuditEvents.Activated, clientIp, null, cancellationToken);
        }

        metrics.Activation(outcome.Error?.Code ?? PortalMetrics.Succeeded);

        return outcome;
    }

    public async Task<Outcome<SessionStepResult<SignInResponse>>> LoginAsync(LoginRequest request, string clientIp, string device, CancellationToken cancellationToken)
    {
        var accountId = await store.FindIdByEmailAsync(request.Email!, cancellationToken);
        if (accountId is null)
        {
            // The same work as a known email: an account read, one hash, one write, the audit row.
            await decoys.ReadAsync(cancellationToken);
            hasher.Verify(null, request.Password!);
            await decoys.WriteAsync(time.GetUtcNow(), cancellationToken);
            await audit.WriteAsync(null, AuditEvents.SignInFailed, clientIp, "unknown-email", cancellationToken);
            metrics.SignIn("unknown_email");
            return new PortalError(ErrorCodes.InvalidCredentials);
        }

        // One password hash per request, however many write races the request loses (parallel guesses).
        var checks = new OneHashPerRequest(hasher, request.Password!);
        var attempt = await store.ChangeAsync(accountId, account => Decide(account, checks, device), cancellationToken);
        if (!attempt.Wrote)
        {
            await decoys.WriteAsync(time.GetUtcNow(), cancellationToken);
        }

        securityEmails.Send(attempt.Email, accountId);
        await audit.WriteAsync(accountId, attempt.Event, clientIp, attempt.Detail, cancellationToken);
        RecordMetrics(attempt);
        return attempt.Outcome;
    }

    private AccountChange<LoginAttempt> Decide(AccountEntity? account, OneHashPerRequest checks, string device)
    {
        var now = time.GetUtcNow();
        if (account?.PasswordHash is null || PasswordLockout.IsLocked(account, now))
        {
            checks.Dummy();
            var reason = account?.PasswordHash is null ? "not-activated" : "locked";
            return AccountChange<LoginAttempt>.ReadOnly(LoginAttempt.Failed(reason));
        }

        var check = checks.Against(account.PasswordHash);
        if (check == PasswordCheck.Failed)
        {
            var locked = PasswordLockout.RecordFailure(account, now, options.Value);
            // The lock's email is claimed in this write and queued after it, so the answer takes no longer than any other failure.
            var attempt = locked
                ? new LoginAttempt(new PortalError(ErrorCodes.InvalidCredentials), AuditEvents.PasswordLocked, "wrong-password", Wrote: true, Email: securityEmails.Claim(account, SecurityEmailKind.PasswordLocked, now))
                : LoginAttempt.Failed("wrong-password") with { Wrote = true };
            return AccountChange<LoginAttempt>.Save(attempt);
        }

        PasswordLockout.RecordSuccess(account);
        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.Hash(checks.Password);
        }

        // Always written with the account's ETag, even when nothing in it changed: a success decided on a
        // row that parallel wrong guesses have since locked must lose the race and be decided again.
        var (cookie, insert) = sessions.Start(account, SessionStages.Pending, device: device);
        var success = new LoginAttempt(new SessionStepResult<SignInResponse>(SignInResponse.For(account), cookie), AuditEvents.SignInSucceeded, "password", Wrote: true);
        return AccountChange<LoginAttempt>.Save(success, insert);
    }

    // Counted after the write, so a decision that lost a race and was made again counts once.
    private void RecordMetrics(LoginAttempt attempt)
    {
        metrics.SignIn(attempt.Event == AuditEvents.SignInSucceeded ? PortalMetrics.Succeeded : attempt.Detail.Replace('-', '_'));
        if (attempt.Event == AuditEvents.PasswordLocked)
        {
            metrics.LockStarted("password");
        }
    }

    private static bool ActivationTokenMatches(AccountEntity account, string secret, DateTimeOffset now)
        => account.ActivationTokenHash is { } stored
            && account.ActivationExpiresAt > now
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecureTokens.Hash(secret)), Encoding.ASCII.GetBytes(stored));

    /// <param name="Wrote">Whether the decision writes the account row; when it does not, the decoy row is written instead.</param>
    /// <param name="Email">A security email to queue once the row is written.</param>
    private sealed record LoginAttempt(Outcome<SessionStepResult<SignInResponse>> Outcome, string Event, string Detail, bool Wrote = false, EmailMessage? Email = null)
    {
        public static LoginAttempt Failed(string detail) => new(new PortalError(ErrorCodes.InvalidCredentials), AuditEvents.SignInFailed, detail);
    }
}

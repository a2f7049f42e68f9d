using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Sessions;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Auth;

/// <summary>
/// Activation and password sign-in. An unknown email, a wrong password, an account not yet activated
/// and a locked account all answer the same <c>invalid_credentials</c>, after the same amount of hashing.
/// </summary>
public sealed class AuthService(
    AccountStore store,
    SessionService sessions,
    PortalPasswordHasher hasher,
    PasswordPolicy policy,
    AuditLog audit,
    IOptions<SignInOptions> options,
    TimeProvider time)
{
    public async Task<Outcome<SignInResult>> ActivateAsync(ActivateRequest request, string clientIp, CancellationToken cancellationToken)
    {
        if (!SessionCookie.TryParse(request.Token, out var token))
        {
            return new PortalError(ErrorCodes.ActivationInvalid);
        }

        var outcome = await store.ChangeAsync<Outcome<SignInResult>>(token.AccountId, account =>
        {
            if (account is null || !ActivationTokenMatches(account, token.Token, time.GetUtcNow()))
            {
                return AccountChange<Outcome<SignInResult>>.ReadOnly(new PortalError(ErrorCodes.ActivationInvalid));
            }

            var problems = policy.Check(request.Password!, [account.Email, account.DisplayName, account.ClaimNumber]);
            if (problems.Count > 0)
            {
                var errors = new Dictionary<string, string[]> { ["password"] = [.. problems] };
                return AccountChange<Outcome<SignInResult>>.ReadOnly(new PortalError(ErrorCodes.PasswordRejected, Errors: errors));
            }

            account.PasswordHash = hasher.Hash(request.Password!);
            account.ActivationTokenHash = null;
            account.ActivationExpiresAt = null;
            PasswordLockout.RecordSuccess(account);
            var (cookie, insert) = sessions.Start(account, SessionStages.Pending);
            return AccountChange<Outcome<SignInResult>>.Save(new SignInResult(ResponseFor(account), cookie), insert);
        }, cancellationToken);

        if (outcome.Succeeded)
        {
            await audit.WriteAsync(token.AccountId, AuditEvents.Activated, clientIp, null, cancellationToken);
        }

        return outcome;
    }

    public async Task<Outcome<SignInResult>> LoginAsync(LoginRequest request, string clientIp, CancellationToken cancellationToken)
    {
        var accountId = await store.FindIdByEmailAsync(request.Email!, cancellationToken);
        if (accountId is null)
        {
            hasher.Verify(null, request.Password!);
            await audit.WriteAsync(null, AuditEvents.SignInFailed, clientIp, "unknown-email", cancellationToken);
            return new PortalError(ErrorCodes.InvalidCredentials);
        }

        // One password hash per request, however many write races the request loses (parallel guesses).
        var checks = new PasswordChecks(hasher, request.Password!);
        var attempt = await store.ChangeAsync(accountId, account => Decide(account, checks), cancellationToken);
        await audit.WriteAsync(accountId, attempt.Event, clientIp, attempt.Detail, cancellationToken);
        return attempt.Outcome;
    }

    private AccountChange<LoginAttempt> Decide(AccountEntity? account, PasswordChecks checks)
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
            var attempt = locked ? new LoginAttempt(new PortalError(ErrorCodes.InvalidCredentials), AuditEvents.PasswordLocked, "wrong-password")
                : LoginAttempt.Failed("wrong-password");
            return AccountChange<LoginAttempt>.Save(attempt);
        }

        PasswordLockout.RecordSuccess(account);
        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.Hash(checks.Password);
        }

        // Always written with the account's ETag, even when nothing in it changed: a success decided on a
        // row that parallel wrong guesses have since locked must lose the race and be decided again.
        var (cookie, insert) = sessions.Start(account, SessionStages.Pending);
        var success = new LoginAttempt(new SignInResult(ResponseFor(account), cookie), AuditEvents.SignInSucceeded, "password");
        return AccountChange<LoginAttempt>.Save(success, insert);
    }

    private static SignInResponse ResponseFor(AccountEntity account)
        => new(account.HasMfa ? "mfa-verify" : "mfa-setup", account.Methods, account.SmsPhoneHint);

    private static bool ActivationTokenMatches(AccountEntity account, string secret, DateTimeOffset now)
        => account.ActivationTokenHash is { } stored
            && account.ActivationExpiresAt > now
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecureTokens.Hash(secret)), Encoding.ASCII.GetBytes(stored));

    private sealed record LoginAttempt(Outcome<SignInResult> Outcome, string Event, string Detail)
    {
        public static LoginAttempt Failed(string detail) => new(new PortalError(ErrorCodes.InvalidCredentials), AuditEvents.SignInFailed, detail);
    }
}

using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Events;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.SignIn.Throttling;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SignIn;

/// <summary>
/// Activation and password sign-in. An unknown email, a wrong password, an account not yet activated
/// and a locked account all answer the same <c>invalid_credentials</c>, after the same amount of hashing and the same
/// storage requests (<see cref="SignInDecoyStore"/>). Before any password is hashed, <see cref="SignInThrottle"/> may refuse a sign-in
/// or ask for a solved challenge, on the client address and the service's failed sign-ins alone.
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
    PortalMetrics metrics,
    DeviceStore devices,
    SecondFactorRegistry factors,
    SignInThrottle throttle,
    BreachedPasswordCheck breaches,
    EventOutbox events)
{
    public async Task<Outcome<SessionStepResult<SignInResponse>>> ActivateAsync(ActivateRequest request, string clientIp, string device, CancellationToken cancellationToken)
    {
        if (!AccountToken.TryParse(request.Token, out var token))
        {
            return new PortalError(ErrorCodes.ActivationInvalid);
        }

        if (request.Language is not null && !PortalLanguages.IsSupported(request.Language))
        {
            return new PortalError(ErrorCodes.LanguageUnsupported);
        }

        // Asked before the account is read (it decides nothing, and is refused only after the link and the policy: P12).
        var breached = await breaches.IsBreachedAsync(request.Password!, "activation", cancellationToken);
        PortalEvent? activated = null;
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

            if (breached)
            {
                return AccountChange<Outcome<SessionStepResult<SignInResponse>>>.ReadOnly(BreachedPasswordError.For("password"));
            }

            account.PasswordHash = hasher.Hash(request.Password!);
            account.ActivationTokenHash = null;
            account.ActivationExpiresAt = null;
            account.Language = request.Language ?? PortalLanguages.English;
            PasswordLockout.RecordSuccess(account);
            var (cookie, insert) = sessions.Start(account, SessionStages.Pending, device: device, proven: [AuthenticationMethods.Password]);
            activated = PortalEvent.Of(PortalEventTypes.Activated, time.GetUtcNow(), account.PartitionKey, account.ClaimNumber, account.Email);
            return AccountChange<Outcome<SessionStepResult<SignInResponse>>>.Save(new SessionStepResult<SignInResponse>(SignInResponse.For(account, factors), cookie), insert);
        }, cancellationToken);

        if (outcome.Succeeded)
        {
            await Task.WhenAll(audit.WriteAsync(token.AccountId, AuditEvents.Activated, clientIp, null, cancellationToken), events.PublishAsync(activated));
        }

        metrics.Activation(outcome.Error?.Code ?? PortalMetrics.Succeeded);

        return outcome;
    }

    public async Task<Outcome<SessionStepResult<SignInResponse>>> LoginAsync(LoginRequest request, string clientIp, ClientDevice client, CancellationToken cancellationToken)
    {
        // An address this instance already read as refused or challenged is answered from memory, with no storage request (AB11).
        var address = throttle.AddressOf(clientIp);
        if (await throttle.AnswerSignInFromMemoryAsync(address, request.Altcha, deviceCookie: client.Cookie is not null, cancellationToken) is { } remembered)
        {
            return remembered;
        }

        // A device cookie's row is read whatever the email turns out to be (rule RD8): with a cookie every outcome costs
        // one read more, without one none.
        // The throttle's counts are read with them (rules AB1-AB4), so deciding before the hash adds no round trip of its own.
        var lookup = store.FindIdByEmailAsync(request.Email!, cancellationToken);
        var deviceRead = client.Cookie is { } cookie ? devices.FindAsync(cookie, cancellationToken) : Task.FromResult<DeviceEntity?>(null);
        var countsRead = throttle.ReadAsync(address, cancellationToken);
        await Task.WhenAll(lookup, deviceRead, countsRead);
        var accountId = await lookup;
        var device = await deviceRead;

        // A remembered device of the account signing in is the customer's own browser: never throttled by its address.
        var exempt = accountId is not null && DeviceStore.IsRemembered(device, accountId, time.GetUtcNow());
        var admitted = await throttle.AdmitSignInAsync(await countsRead, request.Altcha, exempt, cancellationToken);
        if (admitted.Error is { } refused)
        {
            return refused;
        }

        var admission = admitted.Value!;
        if (accountId is null)
        {
            // The same work as a known email: an account read, one hash, one write, the audit row.
            await decoys.ReadAsync(cancellationToken);
            hasher.Verify(null, request.Password!);
            await decoys.WriteAsync(time.GetUtcNow(), cancellationToken);
            await Task.WhenAll(
                audit.WriteAsync(null, AuditEvents.SignInFailed, clientIp, "unknown-email", cancellationToken),
                throttle.SettleAsync(admission, succeeded: false, cancellationToken));
            metrics.SignIn("unknown_email");
            return new PortalError(ErrorCodes.InvalidCredentials);
        }

        // One password hash per request, however many write races the request loses (parallel guesses).
        var checks = new OneHashPerRequest(hasher, request.Password!);
        var attempt = await AttemptAsync(accountId, checks, client, device, cancellationToken);
        if (!attempt.Wrote)
        {
            await decoys.WriteAsync(time.GetUtcNow(), cancellationToken);
        }

        await securityEmails.SendAsync(attempt.Email, accountId);
        if (attempt.Ended is { Count: > 0 } ended)
        {
            await sessions.EndedAsync(accountId, ended, SessionEndReasons.SessionLimit, cancellationToken);
        }

        await Task.WhenAll(
            audit.WriteAsync(accountId, attempt.Event, clientIp, attempt.Detail, cancellationToken),
            throttle.SettleAsync(admission, attempt.Outcome.Succeeded, cancellationToken));
        RecordMetrics(attempt);
        return attempt.Outcome;
    }

    /// <summary>
    /// Decides the sign-in on the account row and, with a remembered device of this account, on the device's own failure count.
    /// A wrong password from the device is counted on its row with If-Match; a lost race (a parallel guess from the same device
    /// counted first, or forgot it) reads the device again and decides again, so every guess is counted exactly once.
    /// </summary>
    private async Task<LoginAttempt> AttemptAsync(string accountId, OneHashPerRequest checks, ClientDevice client, DeviceEntity? device, CancellationToken cancellationToken)
    {
        for (var race = 0; ; race++)
        {
            var remembered = DeviceStore.IsRemembered(device, accountId, time.GetUtcNow()) ? device : null;
            var decided = false;

            // The account row with its sessions, in one query (the session limit, rule SE19, decides on them: no extra request).
            var read = await store.ReadAsync(accountId, [], cancellationToken, withSessions: true);
            var attempt = await store.ChangeAsync(read, accountId, [], rows =>
            {
                // A success on a remembered device is written on the device's ETag too; when that write lost its race (or the
                // device was forgotten meanwhile), the device may have counted further wrong guesses, so it is read again first.
                if (decided && remembered is not null)
                {
                    return Task.FromResult(AccountChange<LoginAttempt>.ReadOnly(LoginAttempt.StaleDevice));
                }

                decided = true;
                return Task.FromResult(Decide(rows.Account, rows.Sessions, checks, client.Name, remembered));
            }, cancellationToken, withSessions: true);

            if (attempt.CountOnDevice)
            {
                switch (await devices.RecordFailureAsync(remembered!, cancellationToken))
                {
                    case DeviceFailure.Counted:
                        return attempt with { Wrote = true };
                    case DeviceFailure.Forgotten:
                        // Audited as the forgetting it caused: one audit row, as every outcome writes.
                        return attempt with { Wrote = true, Event = AuditEvents.DeviceForgotten, Detail = DeviceForgetReasons.Failures };
                }
            }
            else if (!ReferenceEquals(attempt, LoginAttempt.StaleDevice))
            {
                return attempt;
            }

            if (race >= AccountStore.MaxConflictRetries)
            {
                throw new InvalidOperationException($"A device's failure count lost {AccountStore.MaxConflictRetries} races in a row.");
            }

            device = await devices.FindAsync(client.Cookie!.Value, cancellationToken);
        }
    }

    private AccountChange<LoginAttempt> Decide(AccountEntity? account, IReadOnlyList<SessionEntity> live, OneHashPerRequest checks, string deviceName, DeviceEntity? device)
    {
        var now = time.GetUtcNow();
        if (device is not null && account is { PasswordHash: not null } && factors.HasAnyMethod(account))
        {
            return DecideOnDevice(account, live, checks, deviceName, device, now);
        }

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
        var (cookie, insert) = sessions.Start(account, SessionStages.Pending, device: deviceName, proven: [AuthenticationMethods.Password]);
        var limit = sessions.Limit(live, SessionStages.Pending);
        var success = new LoginAttempt(new SessionStepResult<SignInResponse>(SignInResponse.For(account, factors), cookie), AuditEvents.SignInSucceeded, "password", Wrote: true, Ended: limit.Sids);
        return AccountChange<LoginAttempt>.Save(success, [insert, .. limit.Ends]);
    }

    /// <summary>
    /// A password from a remembered device of this account (rules RD3-RD5): checked even while the password lock is on, against
    /// the device's own failure count only; a right one signs in at once (a full session, no fresh second factor for step-up).
    /// </summary>
    private AccountChange<LoginAttempt> DecideOnDevice(AccountEntity account, IReadOnlyList<SessionEntity> live, OneHashPerRequest checks, string deviceName, DeviceEntity device, DateTimeOffset now)
    {
        var check = checks.Against(account.PasswordHash!);
        if (check == PasswordCheck.Failed)
        {
            // Counted on the device row by the caller, not on the account: a stranger's lock and the device's count stay apart.
            return AccountChange<LoginAttempt>.ReadOnly(LoginAttempt.Failed("device-wrong-password") with { CountOnDevice = true });
        }

        // While the lock is on it stays as it is: it is the unknown clients' lock, and ending it would hand them fresh guesses.
        if (!PasswordLockout.IsLocked(account, now))
        {
            PasswordLockout.RecordSuccess(account);
        }

        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.Hash(checks.Password);
        }

        // Written with the account's ETag as every session start is (a password change racing it then lists it and ends it).
        // A remembered device proves only the password here (its second factor was proven when it was remembered).
        var methods = factors.EnrolledMethods(account);
        var (cookie, insert) = sessions.Start(account, SessionStages.Full, secondFactorAt: null, device: deviceName, proven: [AuthenticationMethods.Password], methods: methods);
        var limit = sessions.Limit(live, SessionStages.Full);
        var response = new SignInResponse(SessionStages.SignedIn, methods, account.SmsPhoneHint);
        var success = new LoginAttempt(new SessionStepResult<SignInResponse>(response, cookie), AuditEvents.SignInSucceeded, "remembered-device", Wrote: true, Ended: limit.Sids);
        return AccountChange<LoginAttempt>.Save(success, [insert, DeviceStore.Used(device, now), .. limit.Ends]);
    }

    // Counted after the write, so a decision that lost a race and was made again counts once.
    private void RecordMetrics(LoginAttempt attempt)
    {
        if (attempt.Event == AuditEvents.DeviceForgotten)
        {
            metrics.SignIn("device_wrong_password");
            metrics.DevicesForgotten(DeviceForgetReasons.Failures, 1);
            return;
        }

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

    /// <param name="Wrote">Whether the decision writes the account row (or the device row); when it does not, the decoy row is written instead.</param>
    /// <param name="Email">A security email to queue once the row is written.</param>
    /// <param name="CountOnDevice">A wrong password from a remembered device, to count on the device row.</param>
    /// <param name="Ended">The sids of the older sessions this sign-in ended (rule SE19), to tell the observers once written.</param>
    private sealed record LoginAttempt(
        Outcome<SessionStepResult<SignInResponse>> Outcome, string Event, string Detail, bool Wrote = false, EmailMessage? Email = null, bool CountOnDevice = false, IReadOnlyList<string>? Ended = null)
    {
        /// <summary>A remembered device's success lost its write race: read the device again and decide again.</summary>
        public static readonly LoginAttempt StaleDevice = Failed("stale-device");

        public static LoginAttempt Failed(string detail) => new(new PortalError(ErrorCodes.InvalidCredentials), AuditEvents.SignInFailed, detail);
    }
}

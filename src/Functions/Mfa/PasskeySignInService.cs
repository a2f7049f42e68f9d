using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passkeys;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Passwordless sign-in with a passkey alone: user verification on the device is the second factor, so a right answer
/// starts a full session. Every refusal looks the same (<c>passkey_rejected</c>), whether or not the passkey exists (rule PK6).
/// </summary>
public sealed class PasskeySignInService(
    AccountStore store,
    SessionService sessions,
    PasskeyStore passkeys,
    PasskeyChallengeStore challenges,
    PasskeyCeremony ceremony,
    PasskeyAssertionService assertions,
    SecondFactorAudit audit,
    IOptions<MfaOptions> options,
    TimeProvider time)
{
    /// <summary>Options without a credential list (the browser offers the site's discoverable passkeys), and the cookie token that binds them.</summary>
    public async Task<(string OptionsJson, string CookieToken)> OptionsAsync(CancellationToken cancellationToken)
    {
        var token = SecureTokens.NewToken();
        var json = ceremony.AssertionOptions([]).ToJson();
        await challenges.SaveAsync(PasskeyBindings.SignIn(SecureTokens.Hash(token)), json, cancellationToken);
        return (json, token);
    }

    public async Task<Outcome<SessionStepResult<PasskeySignInResponse>>> SignInAsync(
        string? cookieToken, PasskeyAssertionRequest request, string device, string clientIp, CancellationToken cancellationToken)
    {
        var optionsJson = IsToken(cookieToken) ? await challenges.TakeAsync(PasskeyBindings.SignIn(SecureTokens.Hash(cookieToken!)), cancellationToken) : null;
        if (optionsJson is null)
        {
            return new PortalError(ErrorCodes.PasskeyChallengeExpired);
        }

        var answer = PasskeyJson.ReadAssertion(request.Credential)!;
        var accountId = await passkeys.FindAccountIdAsync(PasskeyStore.Key(answer.RawId), cancellationToken);
        var account = accountId is null ? null : await store.FindAsync(accountId, cancellationToken);
        if (account is null)
        {
            return Rejected();
        }

        var check = await assertions.CheckAsync(account, optionsJson, answer, clientIp, cancellationToken);
        var now = time.GetUtcNow();
        var (outcome, counted) = await store.ChangeAsync(account, a =>
        {
            var attempt = MfaAttempt.Apply(a, now, options.Value, _ => check.Check, x => MfaLockout.AttemptsRemaining(x, options.Value));
            if (attempt.Error is not null || a is null)
            {
                // Only the passkey's holder learns of a lock; any other refusal looks like an unknown passkey.
                var answerError = check.Check == CodeCheck.Match && attempt.Error?.Code == ErrorCodes.MfaLocked ? attempt.Error : Rejected();
                return attempt.Write
                    ? AccountChange<(Outcome<SessionStepResult<PasskeySignInResponse>>, PortalError?)>.Save((answerError, attempt.Error))
                    : AccountChange<(Outcome<SessionStepResult<PasskeySignInResponse>>, PortalError?)>.ReadOnly((answerError, attempt.Error));
            }

            var codes = a.RecoveryHashes.Count == 0 ? RecoveryCodeService.IssueTo(a) : null;
            var (cookie, insert) = sessions.Start(a, SessionStages.Full, null, now, device, proven: check.Proves);
            var result = new SessionStepResult<PasskeySignInResponse>(new PasskeySignInResponse(SessionStages.SignedIn, codes), cookie);
            return AccountChange<(Outcome<SessionStepResult<PasskeySignInResponse>>, PortalError?)>.Save((result, null), insert);
        }, cancellationToken);
        await audit.WriteAsync(account.PartitionKey, MfaMethods.Passkey, PasskeyErrors.Translate(counted), AuditEvents.PasskeySignedIn, clientIp, cancellationToken);
        return outcome;
    }

    private static PortalError Rejected() => new(ErrorCodes.PasskeyRejected);

    private static bool IsToken(string? value)
        => value is { Length: > 0 and <= 100 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

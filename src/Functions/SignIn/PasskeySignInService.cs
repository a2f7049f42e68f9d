using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SignIn;

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
    PasskeyFactor factor,
    SecondFactorRegistry factors,
    SecondFactorAudit audit,
    IOptions<MfaOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Options without a credential list (the browser offers the site's discoverable passkeys), the cookie token that binds them,
    /// and how long they can be answered (the cookie's lifetime too).
    /// </summary>
    public async Task<(string OptionsJson, string CookieToken, TimeSpan Lifetime)> OptionsAsync(CancellationToken cancellationToken)
    {
        var token = SecureTokens.NewToken();
        var json = ceremony.AssertionOptions([]).ToJson();
        await challenges.SaveAsync(PasskeyBindings.SignIn(SecureTokens.Hash(token)), json, cancellationToken);
        return (json, token, challenges.Lifetime);
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
        if (accountId is null)
        {
            return Rejected();
        }

        // The account and the passkey's row in one query; a lost race reads both again and checks the answer again.
        IReadOnlyCollection<string> rowKeys = [PasskeyFactor.RowKeyOf(answer.RawId)];
        var read = await store.ReadAsync(accountId, rowKeys, cancellationToken);
        if (read.Account is null)
        {
            return Rejected();
        }

        PortalError? counted = null;
        StepRecord? record = null;
        var outcome = await store.ChangeAsync(read, accountId, rowKeys, async rows =>
        {
            counted = null;
            record = null;
            if (rows.Account is not { } account)
            {
                return AccountChange<Outcome<SessionStepResult<PasskeySignInResponse>>>.ReadOnly(Rejected());
            }

            var proof = await assertions.CheckAsync(account, rows.Get<PasskeyEntity>(rowKeys.First()), optionsJson, answer, clientIp, cancellationToken);
            var now = time.GetUtcNow();
            var attempt = MfaAttempt.Apply(account, now, options.Value, _ => proof.Check, a => MfaLockout.AttemptsRemaining(a, options.Value));
            counted = attempt.Error;
            AccountChange<Outcome<SessionStepResult<PasskeySignInResponse>>> change;
            if (attempt.Error is not null)
            {
                // Only the passkey's holder learns of a lock; any other refusal looks like an unknown passkey.
                var answerError = proof.Check == CodeCheck.Match && attempt.Error.Code == ErrorCodes.MfaLocked ? attempt.Error : Rejected();
                change = new AccountChange<Outcome<SessionStepResult<PasskeySignInResponse>>>(answerError, attempt.Write);
            }
            else
            {
                var codes = RecoveryCodes.Has(account) ? null : RecoveryCodes.IssueTo(account);
                var (cookie, insert) = sessions.Start(account, SessionStages.Full, null, now, device, proven: PasskeyFactor.Proves(proof.Synced), methods: factors.EnrolledMethods(account));
                var result = new SessionStepResult<PasskeySignInResponse>(new PasskeySignInResponse(SessionStages.SignedIn, codes), cookie);
                change = AccountChange<Outcome<SessionStepResult<PasskeySignInResponse>>>.Save(
                    result, [insert, .. factor.Writes(new SecondFactorProof(null, proof))]);
            }

            record = audit.Decide(account, factor, PasskeyFactor.Words(attempt.Error), AuditEvents.PasskeySignedIn, clientIp);
            return SecondFactorAudit.With(change, record);
        }, cancellationToken);
        await audit.DoneAsync(accountId, factor, PasskeyFactor.Words(counted), AuditEvents.PasskeySignedIn, record, clientIp, cancellationToken);
        return outcome;
    }

    private static PortalError Rejected() => new(ErrorCodes.PasskeyRejected);

    private static bool IsToken(string? value)
        => value is { Length: > 0 and <= 100 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

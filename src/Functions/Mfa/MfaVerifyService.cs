using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// The returning customer's second factor: an SMS code, an authenticator code, a passkey, or a recovery code.
/// A right code replaces the pending session with a full one in the same write.
/// </summary>
public sealed class MfaVerifyService(
    AccountStore store,
    SessionService sessions,
    CodeVerifier verifier,
    SmsCodeService smsCodes,
    PasskeyAssertionService passkeys,
    SecondFactorAudit audit,
    DeviceService devices,
    SecurityEmails securityEmails,
    IOptions<MfaOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Sends the sign-in code to the enrolled phone: for a pending session's sign-in (not while a setup plan of this session
    /// is unfinished), or for a full session's step-up.
    /// </summary>
    public async Task<Outcome<SmsCodeSentResponse>> SendSmsCodeAsync(SessionEntity session, string clientIp, CancellationToken cancellationToken)
    {
        if (!session.IsFull && session.SetupRemaining is { Length: > 0 })
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        return account is null
            ? new PortalError(ErrorCodes.SessionRequired)
            : await smsCodes.SendAsync(account, SecondFactorPurposes.SmsSignIn, null, clientIp, cancellationToken);
    }

    public async Task<Outcome<SessionStepResult<VerifyResponse>>> VerifyAsync(SessionEntity session, VerifyRequest request, string clientIp, ClientDevice client, CancellationToken cancellationToken)
    {
        if (session.SetupRemaining is { Length: > 0 })
        {
            // A setup plan started in this session is finished first: that is where recovery codes are issued.
            return new PortalError(ErrorCodes.WrongStage);
        }

        var passkey = await PasskeyCheckAsync(session, request, clientIp, cancellationToken);
        var outcome = await AttemptAsync(session, request, passkey, client, cancellationToken);
        await audit.WriteAsync(session.PartitionKey, request.Method!, outcome.Error, AuditEvents.MfaVerified, clientIp, cancellationToken);
        if (outcome.Value?.DeviceCookie is { } remembered)
        {
            await devices.RememberedAsync(session.PartitionKey, remembered, client.Cookie, clientIp, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A second factor proven again in a full session (step-up): the same methods, attempt counts and lock as sign-in;
    /// a right code opens the step-up window (<see cref="StepUp"/>) in this session.
    /// </summary>
    public async Task<Outcome<StepUpResponse>> StepUpAsync(SessionEntity session, VerifyRequest request, string clientIp, CancellationToken cancellationToken)
    {
        var passkey = await PasskeyCheckAsync(session, request, clientIp, cancellationToken);
        var now = time.GetUtcNow();
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is not null && !IsEnrolled(account, request.Method!))
            {
                return AccountChange<Outcome<StepUpResponse>>.ReadOnly(new PortalError(ErrorCodes.MethodNotEnrolled));
            }

            var attempt = MfaAttempt.Apply(account, now, options.Value, a => Check(a, request, passkey), Remaining(request.Method!));
            if (attempt.Error is not null || account is null)
            {
                return attempt.Change<StepUpResponse>();
            }

            return AccountChange<Outcome<StepUpResponse>>.Save(
                new StepUpResponse(StepUp.Until(now, options.Value), account.RecoveryHashes.Count), SessionService.MarkSecondFactor(session, now, Proves(request.Method!, passkey)));
        }, cancellationToken);
        outcome = request.Method == MfaMethods.Passkey ? PasskeyErrors.Translate(outcome) : outcome;
        await audit.WriteAsync(session.PartitionKey, request.Method!, outcome.Error, AuditEvents.MfaSteppedUp, clientIp, cancellationToken);
        return outcome;
    }

    /// <summary>Removes an enrolled method after a step-up; never the account's last one.</summary>
    public async Task<Outcome<bool>> RemoveMethodAsync(SessionEntity session, string method, string clientIp, CancellationToken cancellationToken)
    {
        if (method is not (MfaMethods.Sms or MfaMethods.Totp))
        {
            return PortalError.Validation("method", "Use \"sms\" or \"totp\".");
        }

        if (StepUp.Require(session, time.GetUtcNow(), options.Value) is { } stepUp)
        {
            return stepUp;
        }

        EmailMessage? notice = null;
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            notice = null;
            if (account is null)
            {
                return AccountChange<Outcome<bool>>.ReadOnly(new PortalError(ErrorCodes.SessionRequired));
            }

            if (!IsEnrolled(account, method))
            {
                return AccountChange<Outcome<bool>>.ReadOnly(new PortalError(ErrorCodes.MethodNotEnrolled));
            }

            if (account.Methods.Count == 1)
            {
                return AccountChange<Outcome<bool>>.ReadOnly(new PortalError(ErrorCodes.LastMethod));
            }

            if (method == MfaMethods.Sms)
            {
                account.SmsPhoneProtected = account.SmsPhoneHint = null;
                account.ClearSmsCode();
            }
            else
            {
                account.TotpSecretProtected = null;
            }

            notice = securityEmails.Claim(account, SecurityEmailKind.MethodRemoved, time.GetUtcNow(), method);
            return AccountChange<Outcome<bool>>.Save(true, SessionService.CopyMethods(session, account));
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            securityEmails.Send(notice, session.PartitionKey);
            await audit.WriteAsync(session.PartitionKey, method, null, AuditEvents.MfaMethodRemoved, clientIp, cancellationToken);
            await devices.ForgetAllAsync(session.PartitionKey, DeviceForgetReasons.MethodRemoved, clientIp, cancellationToken);
        }

        return outcome;
    }

    /// <summary>A passkey's answer is checked (async, against its own rows) before the account's change counts it like a code.</summary>
    private async Task<PasskeyProof?> PasskeyCheckAsync(SessionEntity session, VerifyRequest request, string clientIp, CancellationToken cancellationToken)
    {
        if (request.Method != MfaMethods.Passkey)
        {
            return null;
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null || !account.HasPasskey || MfaLockout.LockedFor(account, time.GetUtcNow()) is not null)
        {
            // Not enrolled or locked: the change below answers so, and the open challenge stays unspent.
            return new PasskeyProof(CodeCheck.Wrong, false);
        }

        return await passkeys.CheckAsync(session, request.Credential, clientIp, cancellationToken);
    }

    private async Task<Outcome<SessionStepResult<VerifyResponse>>> AttemptAsync(SessionEntity session, VerifyRequest request, PasskeyProof? passkey, ClientDevice client, CancellationToken cancellationToken)
    {
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is not null && !IsEnrolled(account, request.Method!))
            {
                return AccountChange<Outcome<SessionStepResult<VerifyResponse>>>.ReadOnly(new PortalError(ErrorCodes.MethodNotEnrolled));
            }

            var attempt = MfaAttempt.Apply(account, time.GetUtcNow(), options.Value, a => Check(a, request, passkey), Remaining(request.Method!));
            if (attempt.Error is not null || account is null)
            {
                return attempt.Change<SessionStepResult<VerifyResponse>>();
            }

            var codes = account.RecoveryHashes.Count == 0 && request.Method != MfaMethods.Recovery ? RecoveryCodeService.IssueTo(account) : null;

            var (cookie, insert) = sessions.Start(account, SessionStages.Full, session, secondFactorAt: time.GetUtcNow(), proven: Proves(request.Method!, passkey));
            var (device, remember) = request.RememberDevice == true ? DeviceStore.Remember(account.PartitionKey, client.Name, time.GetUtcNow()) : default;
            var result = new SessionStepResult<VerifyResponse>(new VerifyResponse(true, account.RecoveryHashes.Count, codes), cookie, remember is null ? null : device);
            return AccountChange<Outcome<SessionStepResult<VerifyResponse>>>.Save(result, [SessionService.End(session), insert, .. remember is null ? [] : new[] { remember }]);
        }, cancellationToken);
        return passkey is null ? outcome : PasskeyErrors.Translate(outcome);
    }

    private static IReadOnlyCollection<string> Proves(string method, PasskeyProof? passkey)
        => passkey?.Proves ?? MfaMethods.Proves(method);

    private CodeCheck Check(AccountEntity account, VerifyRequest request, PasskeyProof? passkey)
    {
        var code = request.Code!;
        switch (request.Method)
        {
            case MfaMethods.Passkey:
                return passkey?.Check ?? CodeCheck.Wrong;
            case MfaMethods.Sms:
                return verifier.CheckSms(account, code, SecondFactorPurposes.SmsSignIn);
            case MfaMethods.Totp:
                var lastStep = account.TotpLastStep;
                var check = verifier.CheckTotp(account, account.TotpSecretProtected!, code, ref lastStep);
                account.TotpLastStep = lastStep;
                return check;
            default:
                return verifier.CheckRecovery(account, code);
        }
    }

    private Func<AccountEntity, int> Remaining(string method) => method == MfaMethods.Sms
        ? verifier.SmsAttemptsRemaining
        : account => MfaLockout.AttemptsRemaining(account, options.Value);

    private static bool IsEnrolled(AccountEntity account, string method) => method switch
    {
        MfaMethods.Sms => account.HasSms,
        MfaMethods.Totp => account.HasTotp,
        MfaMethods.Passkey => account.HasPasskey,
        _ => account.HasMfa,
    };
}

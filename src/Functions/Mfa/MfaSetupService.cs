using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passkeys;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Sms;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// First-time (or added) MFA setup: choose methods, set up SMS first when both, then the authenticator app;
/// a method counts only after a right code. The last confirmation issues recovery codes and a full session.
/// Allowed to a pending session of an account without MFA, or to a full session.
/// </summary>
public sealed class MfaSetupService(
    AccountStore store,
    SessionService sessions,
    CodeVerifier verifier,
    TotpService totp,
    SecretProtector protector,
    PhoneNumberValidator phones,
    SmsCodeService smsCodes,
    SecondFactorAudit audit,
    DeviceService devices,
    SecurityEmails securityEmails,
    IOptions<MfaOptions> mfaOptions,
    IOptions<TotpOptions> totpOptions,
    TimeProvider time)
{
    public async Task<Outcome<MfaStatusResponse>> StatusAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        var stage = SetupPlan.StageOf(session, account);
        var plan = session.SetupPlan is null ? null : new SetupPlanView(SetupPlan.Steps(session.SetupPlan), session.NextSetupStep);
        var enrolled = new EnrolledMethods(account.HasSms ? new SmsEnrollment(account.SmsPhoneHint) : null, account.HasTotp, account.PasskeyCount);
        return new MfaStatusResponse(stage, enrolled, plan, account.RecoveryHashes.Count);
    }

    public async Task<Outcome<SetupPlanResponse>> ChoosePlanAsync(SessionEntity session, string[] methods, string clientIp, CancellationToken cancellationToken)
    {
        if (StepUp.Require(session, time.GetUtcNow(), mfaOptions.Value) is { } stepUp)
        {
            return stepUp;
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null || !SetupPlan.CanSetUp(session, account))
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        await sessions.SavePlanAsync(session, methods, cancellationToken);
        await audit.WriteAsync(session.PartitionKey, string.Join(',', methods), null, AuditEvents.MfaSetupStarted, clientIp, cancellationToken);
        return new SetupPlanResponse(new SetupPlanView(methods, session.NextSetupStep));
    }

    public async Task<Outcome<SmsCodeSentResponse>> StartSmsAsync(SessionEntity session, SmsSetupRequest request, string clientIp, CancellationToken cancellationToken)
    {
        if (session.NextSetupStep != MfaMethods.Sms)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        if (StepUp.Require(session, time.GetUtcNow(), mfaOptions.Value) is { } stepUp)
        {
            return stepUp;
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null || !SetupPlan.CanSetUp(session, account))
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var parsed = phones.Parse(request.Country, request.PhoneNumber);
        if (parsed.E164 is null)
        {
            var errors = new Dictionary<string, string[]> { [parsed.Field ?? "phoneNumber"] = [parsed.Message ?? "Check this number."] };
            return new PortalError(parsed.ErrorCode ?? ErrorCodes.InvalidPhoneNumber, Errors: errors);
        }

        return await smsCodes.SendAsync(account, SecondFactorPurposes.SmsSetup, parsed.E164, clientIp, cancellationToken);
    }

    public Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmSmsAsync(SessionEntity session, CodeRequest request, string clientIp, ClientDevice client, CancellationToken cancellationToken)
    {
        var step = new ConfirmedStep(MfaMethods.Sms, request.RememberDevice == true, client);
        return ConfirmStepAsync(session, step, () => ConfirmSmsCodeAsync(session, request.Code!, step, cancellationToken), clientIp, cancellationToken);
    }

    private async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmSmsCodeAsync(SessionEntity session, string code, ConfirmedStep step, CancellationToken cancellationToken)
    {
        return await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is not null && !SetupPlan.CanSetUp(session, account))
            {
                return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(new PortalError(ErrorCodes.WrongStage));
            }

            // No phone waiting: another session's plan completed (and withdrew the setup), so a code cannot enrol anything.
            if (account is not null && account.PendingPhoneProtected is null && MfaLockout.LockedFor(account, time.GetUtcNow()) is null)
            {
                return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(new PortalError(ErrorCodes.SetupExpired));
            }

            return Attempt(account, session, a =>
            {
                var check = verifier.CheckSms(a, code, SecondFactorPurposes.SmsSetup);
                step.Replaced = check == CodeCheck.Match && a.HasSms;
                if (check == CodeCheck.Match)
                {
                    a.SmsPhoneProtected = a.PendingPhoneProtected;
                    a.SmsPhoneHint = a.PendingPhoneHint;
                    a.PendingPhoneProtected = a.PendingPhoneHint = null;
                }

                return check;
            }, verifier.SmsAttemptsRemaining, step);
        }, cancellationToken);
    }

    public async Task<Outcome<TotpSetupResponse>> StartTotpAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        if (session.NextSetupStep != MfaMethods.Totp)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        if (StepUp.Require(session, time.GetUtcNow(), mfaOptions.Value) is { } stepUp)
        {
            return stepUp;
        }

        var secret = totp.NewSecret();
        var lifetime = totpOptions.Value.SetupLifetime;
        var email = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is null || !SetupPlan.CanSetUp(session, account))
            {
                return AccountChange<string?>.ReadOnly(null);
            }

            account.PendingTotpSecretProtected = protector.Protect(secret.Base32, SecondFactorPurposes.TotpSecret(account.PartitionKey));
            account.PendingTotpExpiresAt = time.GetUtcNow() + lifetime;
            return AccountChange<string?>.Save(account.Email);
        }, cancellationToken);
        if (email is null)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var uri = totp.OtpAuthUri(secret.Base32, email);
        return new TotpSetupResponse(secret.GroupedBase32, uri, totp.QrSvg(uri), (int)lifetime.TotalSeconds);
    }

    public Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmTotpAsync(SessionEntity session, CodeRequest request, string clientIp, ClientDevice client, CancellationToken cancellationToken)
    {
        var step = new ConfirmedStep(MfaMethods.Totp, request.RememberDevice == true, client);
        return ConfirmStepAsync(session, step, () => ConfirmTotpCodeAsync(session, request.Code!, step, cancellationToken), clientIp, cancellationToken);
    }

    private async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmTotpCodeAsync(SessionEntity session, string code, ConfirmedStep step, CancellationToken cancellationToken)
    {
        return await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is not null && !SetupPlan.CanSetUp(session, account))
            {
                return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(new PortalError(ErrorCodes.WrongStage));
            }

            if (account is not null && MfaLockout.LockedFor(account, time.GetUtcNow()) is null
                && (account.PendingTotpSecretProtected is null || !(account.PendingTotpExpiresAt > time.GetUtcNow())))
            {
                return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(new PortalError(ErrorCodes.SetupExpired));
            }

            return Attempt(account, session, a =>
            {
                var lastStep = -1L;
                var check = verifier.CheckTotp(a, a.PendingTotpSecretProtected!, code, ref lastStep);
                step.Replaced = check == CodeCheck.Match && a.HasTotp;
                if (check == CodeCheck.Match)
                {
                    a.TotpSecretProtected = a.PendingTotpSecretProtected;
                    a.TotpLastStep = lastStep;
                    a.PendingTotpSecretProtected = null;
                    a.PendingTotpExpiresAt = null;
                }

                return check;
            }, a => MfaLockout.AttemptsRemaining(a, mfaOptions.Value), step);
        }, cancellationToken);
    }

    /// <summary>
    /// The passkey setup step: <paramref name="passkey"/> is the credential the browser's answer proved, or null when the
    /// answer was refused (counted like a wrong code). The passkey row goes in with the account's change.
    /// </summary>
    public Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmPasskeyAsync(
        SessionEntity session, PasskeyEntity? passkey, int maxPasskeys, string clientIp, CancellationToken cancellationToken)
    {
        var step = PasskeyStep(passkey?.BackupEligible == true);
        return ConfirmStepAsync(
            session,
            step,
            () => store.ChangeAsync(session.PartitionKey, account =>
            {
                if (account is not null && !SetupPlan.CanSetUp(session, account))
                {
                    return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(new PortalError(ErrorCodes.WrongStage));
                }

                if (account is not null && passkey is not null && account.PasskeyCount >= maxPasskeys)
                {
                    return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(new PortalError(ErrorCodes.PasskeyLimit));
                }

                return Attempt(
                    account,
                    session,
                    a =>
                    {
                        if (passkey is null)
                        {
                            return CodeCheck.Wrong;
                        }

                        a.PasskeyCount++;
                        return CodeCheck.Match;
                    },
                    a => MfaLockout.AttemptsRemaining(a, mfaOptions.Value),
                    step,
                    passkey is null ? [] : [PasskeyStore.Insert(passkey)]);
            }, cancellationToken),
            clientIp,
            cancellationToken);
    }

    private AccountChange<Outcome<SessionStepResult<SetupStepResponse>>> Attempt(
        AccountEntity? account,
        SessionEntity session,
        Func<AccountEntity, CodeCheck> check,
        Func<AccountEntity, int> attemptsRemaining,
        ConfirmedStep step,
        TableTransactionAction[]? enrol = null)
    {
        var method = step.Method;
        var attempt = MfaAttempt.Apply(account, time.GetUtcNow(), mfaOptions.Value, check, attemptsRemaining);
        if (attempt.Error is not null || account is null)
        {
            return attempt.Change<SessionStepResult<SetupStepResponse>>();
        }

        var remaining = SetupPlan.Without(session, method);
        if (remaining.Length > 0)
        {
            return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.Save(
                new SessionStepResult<SetupStepResponse>(new SetupStepResponse(remaining[0], null), null), [.. enrol ?? [], SessionService.AdvancePlan(session, remaining)]);
        }

        var codes = !session.IsFull || account.RecoveryHashes.Count == 0 ? RecoveryCodeService.IssueTo(account) : null;

        // A completed plan withdraws every setup still open in other sessions: the waiting phone, its code, the waiting key.
        account.PendingPhoneProtected = account.PendingPhoneHint = null;
        if (account.SmsCodePurpose == SecondFactorPurposes.SmsSetup)
        {
            account.ClearSmsCode();
        }

        account.PendingTotpSecretProtected = null;
        account.PendingTotpExpiresAt = null;
        // A first setup proves a factor now; a setup inside a full session keeps that session's own step-up time.
        var secondFactorAt = session.IsFull ? session.SecondFactorAt : time.GetUtcNow();

        // A first setup signs in with every method of its plan proven in this session; one inside a full session adds a method
        // to a session that has already authenticated, so what it proved and when carry over.
        IReadOnlyCollection<string> proven = session.IsFull
            ? []
            : [.. SetupPlan.Steps(session.SetupPlan).SelectMany(m => MfaMethods.Proves(m, m == MfaMethods.Passkey && step.SyncedPasskey))];
        var (cookie, insert) = sessions.Start(account, SessionStages.Full, session, secondFactorAt, proven: proven);
        var (device, remember) = step.RememberDevice ? DeviceStore.Remember(account.PartitionKey, step.Client.Name, time.GetUtcNow()) : default;
        return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.Save(
            new SessionStepResult<SetupStepResponse>(new SetupStepResponse(SetupPlan.Done, codes), cookie, remember is null ? null : device),
            [.. enrol ?? [], SessionService.End(session), insert, .. remember is null ? [] : new[] { remember }]);
    }

    /// <summary>A setup confirmation: only when <paramref name="method"/> is the session's next step; audited whatever its outcome.</summary>
    private async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmStepAsync(
        SessionEntity session,
        ConfirmedStep step,
        Func<Task<Outcome<SessionStepResult<SetupStepResponse>>>> confirm,
        string clientIp,
        CancellationToken cancellationToken)
    {
        var method = step.Method;
        if (session.NextSetupStep != method)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        if (StepUp.Require(session, time.GetUtcNow(), mfaOptions.Value) is { } stepUp)
        {
            return stepUp;
        }

        var outcome = await confirm();
        var done = outcome.Value?.Response.Next == SetupPlan.Done;
        await audit.WriteAsync(session.PartitionKey, method, outcome.Error, done ? AuditEvents.MfaSetupCompleted : AuditEvents.MfaMethodEnrolled, clientIp, cancellationToken);
        var remembered = outcome.Value?.DeviceCookie;
        if (outcome.Succeeded && step.Replaced)
        {
            // A replaced phone or app may be in someone else's hands: the devices remembered with it are forgotten (rule RD9).
            await devices.ForgetAllAsync(session.PartitionKey, DeviceForgetReasons.MethodReplaced, clientIp, cancellationToken, keep: remembered);
        }

        if (remembered is { } device)
        {
            await devices.RememberedAsync(session.PartitionKey, device, step.Client.Cookie, clientIp, cancellationToken);
        }

        if (done && session.IsFull)
        {
            // A full session's account already had a factor, so a completed plan added (or replaced) one: tell the customer (EM4).
            var planned = SetupPlan.Steps(session.SetupPlan);
            await securityEmails.NotifyAsync(session.PartitionKey, SecurityEmailKind.MethodAdded, planned.Length == 1 ? planned[0] : null, cancellationToken);
        }

        return outcome;
    }

    /// <summary>A passkey step never remembers the device: the register body has no <c>rememberDevice</c> (open point in docs/security-rules.md).</summary>
    private static ConfirmedStep PasskeyStep(bool synced) => new(MfaMethods.Passkey, false, new ClientDevice(string.Empty, null)) { SyncedPasskey = synced };

    /// <summary>One setup confirmation: its method, whether the customer asked to remember the device, and whether the code replaced a method the account had.</summary>
    private sealed class ConfirmedStep(string method, bool rememberDevice, ClientDevice client)
    {
        public string Method => method;

        public bool RememberDevice => rememberDevice;

        public ClientDevice Client => client;

        /// <summary>Set by the decision (which may run again after a lost race, so it is set, never accumulated).</summary>
        public bool Replaced { get; set; }

        /// <summary>For the passkey step: whether the new passkey is a synced one (<c>swk</c> rather than <c>hwk</c>).</summary>
        public bool SyncedPasskey { get; init; }
    }
}

using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Sessions;
using CustomerPortal.Functions.Sms;
using CustomerPortal.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// First-time (or added) MFA setup: choose methods, set up SMS first when both, then the authenticator app;
/// a method counts only after a right code. The last confirmation issues recovery codes and a full session.
/// Allowed to a pending session of an account without MFA, or to a full session.
/// </summary>
public sealed class MfaSetupService(
    AccountStore store,
    PortalTables tables,
    SessionService sessions,
    CodeVerifier verifier,
    TotpService totp,
    SecretProtector protector,
    PhoneNumberValidator phones,
    SmsCodeService smsCodes,
    SecondFactorAudit audit,
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

        var stage = session.IsFull ? "signed-in" : CanSetUp(session, account) ? "mfa-setup" : "mfa-verify";
        var plan = session.SetupPlan is null ? null : new SetupPlanView(Split(session.SetupPlan), session.NextSetupStep);
        var enrolled = new EnrolledMethods(account.HasSms ? new SmsEnrollment(account.SmsPhoneHint) : null, account.HasTotp);
        return new MfaStatusResponse(stage, enrolled, plan, account.RecoveryHashes.Count);
    }

    public async Task<Outcome<SetupPlanResponse>> ChoosePlanAsync(SessionEntity session, string[] methods, string clientIp, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null || !CanSetUp(session, account))
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        session.SetupPlan = session.SetupRemaining = string.Join(',', methods);
        var plan = new TableEntity(session.PartitionKey, session.RowKey)
        {
            [nameof(SessionEntity.SetupPlan)] = session.SetupPlan,
            [nameof(SessionEntity.SetupRemaining)] = session.SetupRemaining,
        };
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        await table.UpdateEntityAsync(plan, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        await audit.WriteAsync(session.PartitionKey, string.Join(',', methods), null, AuditEvents.MfaSetupStarted, clientIp, cancellationToken);
        return new SetupPlanResponse(new SetupPlanView(methods, session.NextSetupStep));
    }

    public async Task<Outcome<SmsCodeSentResponse>> StartSmsAsync(SessionEntity session, SmsSetupRequest request, string clientIp, CancellationToken cancellationToken)
    {
        if (session.NextSetupStep != MfaMethods.Sms)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null || !CanSetUp(session, account))
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var parsed = phones.Parse(request.Country, request.PhoneNumber);
        if (parsed.E164 is null)
        {
            var errors = new Dictionary<string, string[]> { [parsed.Field ?? "phoneNumber"] = [parsed.Message ?? "Check this number."] };
            return new PortalError(parsed.ErrorCode ?? ErrorCodes.InvalidPhoneNumber, Errors: errors);
        }

        return await smsCodes.SendAsync(session.PartitionKey, SecondFactorPurposes.SmsSetup, parsed.E164, clientIp, cancellationToken);
    }

    public async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmSmsAsync(SessionEntity session, string code, string clientIp, CancellationToken cancellationToken)
    {
        if (session.NextSetupStep != MfaMethods.Sms)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var outcome = await ConfirmSmsCodeAsync(session, code, cancellationToken);
        await AuditStepAsync(session, MfaMethods.Sms, outcome, clientIp, cancellationToken);
        return outcome;
    }

    private async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmSmsCodeAsync(SessionEntity session, string code, CancellationToken cancellationToken)
    {
        return await store.ChangeAsync(session.PartitionKey, account => account is not null && !CanSetUp(session, account)
            ? AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(new PortalError(ErrorCodes.WrongStage))
            : Attempt(account, session, a =>
        {
            var check = verifier.CheckSms(a, code, SecondFactorPurposes.SmsSetup);
            if (check == CodeCheck.Match)
            {
                a.SmsPhoneProtected = a.PendingPhoneProtected;
                a.SmsPhoneHint = a.PendingPhoneHint;
                a.PendingPhoneProtected = a.PendingPhoneHint = null;
            }

            return check;
        }, verifier.SmsAttemptsRemaining, MfaMethods.Sms), cancellationToken);
    }

    public async Task<Outcome<TotpSetupResponse>> StartTotpAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        if (session.NextSetupStep != MfaMethods.Totp)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var secret = totp.NewSecret();
        var lifetime = TimeSpan.FromMinutes(totpOptions.Value.SetupLifetimeMinutes);
        var email = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is null || !CanSetUp(session, account))
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

    public async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmTotpAsync(SessionEntity session, string code, string clientIp, CancellationToken cancellationToken)
    {
        if (session.NextSetupStep != MfaMethods.Totp)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var outcome = await ConfirmTotpCodeAsync(session, code, cancellationToken);
        await AuditStepAsync(session, MfaMethods.Totp, outcome, clientIp, cancellationToken);
        return outcome;
    }

    private async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmTotpCodeAsync(SessionEntity session, string code, CancellationToken cancellationToken)
    {
        return await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is not null && !CanSetUp(session, account))
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
                if (check == CodeCheck.Match)
                {
                    a.TotpSecretProtected = a.PendingTotpSecretProtected;
                    a.TotpLastStep = lastStep;
                    a.PendingTotpSecretProtected = null;
                    a.PendingTotpExpiresAt = null;
                }

                return check;
            }, a => MfaLockout.AttemptsRemaining(a, mfaOptions.Value), MfaMethods.Totp);
        }, cancellationToken);
    }

    private AccountChange<Outcome<SessionStepResult<SetupStepResponse>>> Attempt(
        AccountEntity? account,
        SessionEntity session,
        Func<AccountEntity, CodeCheck> check,
        Func<AccountEntity, int> attemptsRemaining,
        string method)
    {
        var attempt = MfaAttempt.Apply(account, time.GetUtcNow(), mfaOptions.Value, check, attemptsRemaining);
        if (attempt.Error is not null || account is null)
        {
            return attempt.Change<SessionStepResult<SetupStepResponse>>();
        }

        var remaining = Split(session.SetupRemaining).Where(m => m != method).ToArray();
        if (remaining.Length > 0)
        {
            // Merge only what changed; a whole SessionEntity would overwrite its times with defaults.
            var progress = new TableEntity(session.PartitionKey, session.RowKey) { [nameof(SessionEntity.SetupRemaining)] = string.Join(',', remaining) };
            var update = new TableTransactionAction(TableTransactionActionType.UpdateMerge, progress, Azure.ETag.All);
            return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.Save(
                new SessionStepResult<SetupStepResponse>(new SetupStepResponse(remaining[0], null), null), update);
        }

        var codes = !session.IsFull || account.RecoveryHashes.Count == 0 ? RecoveryCodeService.IssueTo(account) : null;

        account.PendingPhoneProtected = account.PendingPhoneHint = null;
        account.PendingTotpSecretProtected = null;
        account.PendingTotpExpiresAt = null;
        var (cookie, insert) = sessions.Start(account, SessionStages.Full, session);
        return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.Save(
            new SessionStepResult<SetupStepResponse>(new SetupStepResponse("done", codes), cookie), SessionService.End(session), insert);
    }

    private async Task AuditStepAsync(SessionEntity session, string method, Outcome<SessionStepResult<SetupStepResponse>> outcome, string clientIp, CancellationToken cancellationToken)
    {
        var done = outcome.Value?.Response.Next == "done";
        await audit.WriteAsync(session.PartitionKey, method, outcome.Error, done ? AuditEvents.MfaSetupCompleted : AuditEvents.MfaMethodEnrolled, clientIp, cancellationToken);
    }

    /// <summary>
    /// A full session may change MFA. A pending session may only while every method the account has
    /// was confirmed in this same session's plan: a password alone never adds or replaces a factor.
    /// </summary>
    private static bool CanSetUp(SessionEntity session, AccountEntity account)
    {
        if (session.IsFull)
        {
            return true;
        }

        var confirmedHere = Split(session.SetupPlan).Except(Split(session.SetupRemaining));
        return account.Methods.All(confirmedHere.Contains);
    }

    private static string[] Split(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
}

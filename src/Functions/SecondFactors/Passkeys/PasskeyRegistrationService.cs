using System.Buffers.Text;
using System.Security.Cryptography;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using Fido2NetLib;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// Adding, listing, renaming and removing passkeys. Adding needs a full session with a fresh step-up, or a session whose
/// setup plan's next step is the passkey (then it is that setup step); a refused answer counts like a wrong code (rule PK5).
/// </summary>
public sealed class PasskeyRegistrationService(
    PasskeyFactor factor,
    SecondFactorRegistry factors,
    AccountStore store,
    PasskeyStore passkeys,
    PasskeyChallengeStore challenges,
    PasskeyCeremony ceremony,
    SecondFactorSetup setup,
    SecondFactorAudit secondFactorAudit,
    AuditLog audit,
    IOptions<MfaOptions> mfaOptions,
    IOptions<PasskeyOptions> passkeyOptions,
    TimeProvider time)
{
    private int MaxPasskeys => passkeyOptions.Value.MaxPerAccount;

    public async Task<Outcome<string>> OptionsAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (Gate(session, account) is { } refused)
        {
            return refused;
        }

        if (account!.PasskeyCount >= MaxPasskeys)
        {
            return new PortalError(ErrorCodes.PasskeyLimit);
        }

        var handle = account.PasskeyUserHandle ?? await store.ChangeAsync(account, a =>
        {
            if (a is null || a.PasskeyUserHandle is not null)
            {
                return AccountChange<string?>.ReadOnly(a?.PasskeyUserHandle);
            }

            a.PasskeyUserHandle = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            return AccountChange<string?>.Save(a.PasskeyUserHandle);
        }, cancellationToken);
        if (handle is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        var existing = await passkeys.ListAsync(account.PartitionKey, cancellationToken);
        var json = ceremony.CreationOptions(Base64Url.DecodeFromChars(handle), account.Email, account.DisplayName, existing).ToJson();
        await challenges.SaveAsync(PasskeyBindings.Register(session.RowKey), json, cancellationToken);
        return json;
    }

    public async Task<Outcome<SessionStepResult<PasskeyRegisteredResponse>>> RegisterAsync(
        SessionEntity session, PasskeyRegisterRequest request, string device, string clientIp, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (Gate(session, account) is { } refused)
        {
            return refused;
        }

        var options = await challenges.TakeAsync(PasskeyBindings.Register(session.RowKey), cancellationToken);
        if (options is null)
        {
            return new PortalError(ErrorCodes.PasskeyChallengeExpired);
        }

        var registered = await ceremony.RegisterAsync(
            CredentialCreateOptions.FromJson(options),
            PasskeyJson.ReadAttestation(request.Credential)!,
            async id => await passkeys.FindAccountIdAsync(PasskeyStore.Key(id), cancellationToken) is null,
            cancellationToken);
        var passkey = registered is null ? null : new PasskeyEntity
        {
            PartitionKey = account!.PartitionKey,
            RowKey = PasskeyEntity.RowPrefix + PasskeyStore.Key(registered.Id),
            CredentialId = registered.Id,
            PublicKey = registered.PublicKey,
            SignCount = registered.SignCount,
            Transports = PasskeyTransports.Format(registered.Transports),
            Aaguid = registered.AaGuid.ToString(),
            BackupEligible = registered.IsBackupEligible,
            Name = request.Name?.Trim() ?? device,
            CreatedAt = time.GetUtcNow(),
        };

        var outcome = session.NextSetupStep == PasskeyFactor.Method
            ? AsSetupStep(await setup.ConfirmAsync(session, SetupStep(passkey), clientIp, cancellationToken), passkey)
            : await AddAsync(session, passkey, clientIp, cancellationToken);
        if (outcome.Succeeded)
        {
            await passkeys.AddLookupAsync(passkey!.Id, passkey.PartitionKey, cancellationToken);
        }

        return outcome.Error is { } error ? PasskeyFactor.Words(error)! : outcome;
    }

    public async Task<Outcome<IReadOnlyList<PasskeyView>>> ListAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        var list = await passkeys.ListAsync(session.PartitionKey, cancellationToken);
        return list.OrderBy(p => p.CreatedAt).Select(PasskeyView.From).ToList();
    }

    public async Task<Outcome<PasskeyView>> RenameAsync(SessionEntity session, string id, string name, string clientIp, CancellationToken cancellationToken)
    {
        // Found first, so that an unknown id writes nothing.
        var passkey = PasskeyIds.IsWellFormed(id) ? await passkeys.FindAsync(session.PartitionKey, id, cancellationToken) : null;
        if (passkey is null || !await passkeys.RenameAsync(session.PartitionKey, id, name.Trim(), cancellationToken))
        {
            return new PortalError(ErrorCodes.NotFound);
        }

        await audit.WriteAsync(session.PartitionKey, AuditEvents.PasskeyRenamed, clientIp, id, cancellationToken);
        return PasskeyView.From(passkey) with { Name = name.Trim() };
    }

    /// <summary>
    /// The passkey setup step: <paramref name="passkey"/> is the credential the browser's answer proved, or null when the answer was
    /// refused (counted like a wrong code). The passkey row goes in with the account's change. A passkey step never remembers the
    /// device: the register body has no <c>rememberDevice</c> (open point in docs/security-rules.md).
    /// </summary>
    private SetupProof SetupStep(PasskeyEntity? passkey) => new(
        factor,
        account =>
        {
            if (passkey is null)
            {
                return CodeCheck.Wrong;
            }

            account.PasskeyCount++;
            return CodeCheck.Match;
        },
        account => passkey is not null && account.PasskeyCount >= MaxPasskeys ? new PortalError(ErrorCodes.PasskeyLimit) : null,
        PasskeyFactor.Proves(passkey?.BackupEligible == true),
        false,
        new ClientDevice(string.Empty, null))
    {
        Enrol = passkey is null ? [] : [PasskeyStore.Insert(passkey)],
    };

    /// <summary>Who may add a passkey: a session whose setup plan is at the passkey, or a full session with a fresh step-up.</summary>
    private PortalError? Gate(SessionEntity session, AccountEntity? account)
    {
        if (account is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        if (session.NextSetupStep == PasskeyFactor.Method ? !setup.CanSetUp(session, account) : !session.IsFull)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        return StepUp.Require(session, time.GetUtcNow(), mfaOptions.Value);
    }

    /// <summary>A passkey added outside a setup plan, in a full session: counted like a setup code, then listed with the methods.</summary>
    private async Task<Outcome<SessionStepResult<PasskeyRegisteredResponse>>> AddAsync(
        SessionEntity session, PasskeyEntity? passkey, string clientIp, CancellationToken cancellationToken)
    {
        StepRecord? record = null;
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            record = null;
            if (account is not null && passkey is not null && account.PasskeyCount >= MaxPasskeys)
            {
                return AccountChange<Outcome<SessionStepResult<PasskeyRegisteredResponse>>>.ReadOnly(new PortalError(ErrorCodes.PasskeyLimit));
            }

            var attempt = MfaAttempt.Apply(
                account, time.GetUtcNow(), mfaOptions.Value, _ => passkey is null ? CodeCheck.Wrong : CodeCheck.Match, a => MfaLockout.AttemptsRemaining(a, mfaOptions.Value));
            if (account is null)
            {
                return attempt.Change<SessionStepResult<PasskeyRegisteredResponse>>();
            }

            AccountChange<Outcome<SessionStepResult<PasskeyRegisteredResponse>>> change;
            if (attempt.Error is not null)
            {
                change = attempt.Change<SessionStepResult<PasskeyRegisteredResponse>>();
            }
            else
            {
                account.PasskeyCount++;
                var result = new SessionStepResult<PasskeyRegisteredResponse>(new PasskeyRegisteredResponse(passkey!.Id, passkey.Name), null);
                change = AccountChange<Outcome<SessionStepResult<PasskeyRegisteredResponse>>>.Save(
                    result, PasskeyStore.Insert(passkey), SessionService.CopyMethods(session, factors.EnrolledMethods(account)));
            }

            record = secondFactorAudit.Decide(account, factor, factor.Translate(attempt.Error), AuditEvents.MfaMethodEnrolled, clientIp);
            return SecondFactorAudit.With(change, record);
        }, cancellationToken);
        await secondFactorAudit.DoneAsync(session.PartitionKey, factor, factor.Translate(outcome.Error), AuditEvents.MfaMethodEnrolled, record, clientIp, cancellationToken);
        return outcome;
    }

    private static Outcome<SessionStepResult<PasskeyRegisteredResponse>> AsSetupStep(Outcome<SessionStepResult<SetupStepResponse>> step, PasskeyEntity? passkey)
        => step.Value is { } value
            ? new SessionStepResult<PasskeyRegisteredResponse>(new PasskeyRegisteredResponse(passkey!.Id, passkey.Name, value.Response.Next, value.Response.RecoveryCodes), value.Cookie)
            : step.Error!;
}

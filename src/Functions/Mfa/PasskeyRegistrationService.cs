using System.Buffers.Text;
using System.Security.Cryptography;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passkeys;
using Fido2NetLib;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Adding, listing, renaming and removing passkeys. Adding needs a full session with a fresh step-up, or a session whose
/// setup plan's next step is the passkey (then it is that setup step); a refused answer counts like a wrong code (rule PK5).
/// </summary>
public sealed class PasskeyRegistrationService(
    AccountStore store,
    PasskeyStore passkeys,
    PasskeyChallengeStore challenges,
    PasskeyCeremony ceremony,
    MfaSetupService setup,
    SecondFactorAudit secondFactorAudit,
    AuditLog audit,
    DeviceService devices,
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

        var outcome = session.NextSetupStep == MfaMethods.Passkey
            ? AsSetupStep(await setup.ConfirmPasskeyAsync(session, passkey, MaxPasskeys, clientIp, cancellationToken), passkey)
            : await AddAsync(session, passkey, clientIp, cancellationToken);
        if (outcome.Succeeded)
        {
            await passkeys.AddLookupAsync(passkey!.Id, passkey.PartitionKey, cancellationToken);
        }

        return PasskeyErrors.Translate(outcome);
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

    /// <summary>Removes a passkey after a step-up; never the account's last method (409 <c>last_method</c>).</summary>
    public async Task<Outcome<bool>> RemoveAsync(SessionEntity session, string id, string clientIp, CancellationToken cancellationToken)
    {
        if (StepUp.Require(session, time.GetUtcNow(), mfaOptions.Value) is { } stepUp)
        {
            return stepUp;
        }

        var passkey = PasskeyIds.IsWellFormed(id) ? await passkeys.FindAsync(session.PartitionKey, id, cancellationToken) : null;
        if (passkey is null)
        {
            return new PortalError(ErrorCodes.NotFound);
        }

        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is null)
            {
                return AccountChange<Outcome<bool>>.ReadOnly(new PortalError(ErrorCodes.SessionRequired));
            }

            if (account.PasskeyCount <= 1 && account.Methods.Count == 1)
            {
                return AccountChange<Outcome<bool>>.ReadOnly(new PortalError(ErrorCodes.LastMethod));
            }

            account.PasskeyCount = Math.Max(0, account.PasskeyCount - 1);
            return AccountChange<Outcome<bool>>.Save(true, PasskeyStore.Delete(passkey), SessionService.CopyMethods(session, account));
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            await passkeys.DeleteLookupAsync(id, cancellationToken);
            await audit.WriteAsync(session.PartitionKey, AuditEvents.MfaMethodRemoved, clientIp, MfaMethods.Passkey, cancellationToken);

            // As for any method removed, the devices remembered with it are forgotten (rule RD9).
            await devices.ForgetAllAsync(session.PartitionKey, DeviceForgetReasons.MethodRemoved, clientIp, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Who may add a passkey: a session whose setup plan is at the passkey, or a full session with a fresh step-up.</summary>
    private PortalError? Gate(SessionEntity session, AccountEntity? account)
    {
        if (account is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        if (session.NextSetupStep == MfaMethods.Passkey ? !SetupPlan.CanSetUp(session, account) : !session.IsFull)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        return StepUp.Require(session, time.GetUtcNow(), mfaOptions.Value);
    }

    /// <summary>A passkey added outside a setup plan, in a full session: counted like a setup code, then listed with the methods.</summary>
    private async Task<Outcome<SessionStepResult<PasskeyRegisteredResponse>>> AddAsync(
        SessionEntity session, PasskeyEntity? passkey, string clientIp, CancellationToken cancellationToken)
    {
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            if (account is not null && passkey is not null && account.PasskeyCount >= MaxPasskeys)
            {
                return AccountChange<Outcome<SessionStepResult<PasskeyRegisteredResponse>>>.ReadOnly(new PortalError(ErrorCodes.PasskeyLimit));
            }

            var attempt = MfaAttempt.Apply(
                account, time.GetUtcNow(), mfaOptions.Value, _ => passkey is null ? CodeCheck.Wrong : CodeCheck.Match, a => MfaLockout.AttemptsRemaining(a, mfaOptions.Value));
            if (attempt.Error is not null || account is null)
            {
                return attempt.Change<SessionStepResult<PasskeyRegisteredResponse>>();
            }

            account.PasskeyCount++;
            var result = new SessionStepResult<PasskeyRegisteredResponse>(new PasskeyRegisteredResponse(passkey!.Id, passkey.Name), null);
            return AccountChange<Outcome<SessionStepResult<PasskeyRegisteredResponse>>>.Save(result, PasskeyStore.Insert(passkey), SessionService.CopyMethods(session, account));
        }, cancellationToken);
        await secondFactorAudit.WriteAsync(session.PartitionKey, MfaMethods.Passkey, PasskeyErrors.Translate(outcome.Error), AuditEvents.MfaMethodEnrolled, clientIp, cancellationToken);
        return outcome;
    }

    private static Outcome<SessionStepResult<PasskeyRegisteredResponse>> AsSetupStep(Outcome<SessionStepResult<SetupStepResponse>> step, PasskeyEntity? passkey)
        => step.Value is { } value
            ? new SessionStepResult<PasskeyRegisteredResponse>(new PasskeyRegisteredResponse(passkey!.Id, passkey.Name, value.Response.Next, value.Response.RecoveryCodes), value.Cookie)
            : step.Error!;
}

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
    AccountStore store,
    PasskeyStore passkeys,
    PasskeyChallengeStore challenges,
    PasskeyCeremony ceremony,
    SecondFactorSetup setup,
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
        // Only when no name was given: one more query, for a default name the account's list can tell apart.
        var name = request.Name?.Trim()
            ?? (registered is null ? device : PasskeyNames.Default(device, (await passkeys.ListAsync(account!.PartitionKey, cancellationToken)).Select(p => p.Name)));
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
            Name = name,
            CreatedAt = time.GetUtcNow(),
        };

        var outcome = session.NextSetupStep == PasskeyFactor.Method
            ? AsSetupStep(await setup.ConfirmAsync(session, SetupStep(passkey), clientIp, cancellationToken), passkey)
            : Added(await setup.AddAsync(session, SetupStep(passkey), clientIp, cancellationToken), passkey);
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
    /// device: the register body has no <c>rememberDevice</c> (open point in docs/open-points.md).
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
        ItemName = passkey?.Name,
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

    private static Outcome<SessionStepResult<PasskeyRegisteredResponse>> Added(Outcome<bool> added, PasskeyEntity? passkey)
        => added.Succeeded ? new SessionStepResult<PasskeyRegisteredResponse>(new PasskeyRegisteredResponse(passkey!.Id, passkey.Name), null) : added.Error!;

    private static Outcome<SessionStepResult<PasskeyRegisteredResponse>> AsSetupStep(Outcome<SessionStepResult<SetupStepResponse>> step, PasskeyEntity? passkey)
        => step.Value is { } value
            ? new SessionStepResult<PasskeyRegisteredResponse>(new PasskeyRegisteredResponse(passkey!.Id, passkey.Name, value.Response.Next, value.Response.RecoveryCodes), value.Cookie)
            : step.Error!;
}

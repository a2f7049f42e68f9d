using System.Buffers.Text;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using Fido2NetLib;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// A passkey's answers: the options for a second factor or step-up, naming the account's passkeys and open in the session
/// (rule PK2), and the check of an answer, which the verify, step-up and passwordless steps count like a code (PK3-PK5).
/// </summary>
public sealed class PasskeyAssertionService(
    AccountStore store,
    PasskeyStore passkeys,
    PasskeyCeremony ceremony,
    SessionService sessions,
    AuditLog audit,
    IOptions<PasskeyOptions> options,
    TimeProvider time)
{
    /// <summary>Options for <c>navigator.credentials.get</c> with the account's passkeys, for a pending sign-in or a full session's step-up.</summary>
    public async Task<Outcome<string>> OptionsAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        if (!session.IsFull && session.SetupRemaining is { Length: > 0 })
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        if (account is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        var list = account.PasskeyCount > 0 ? await passkeys.ListAsync(account.PartitionKey, cancellationToken) : [];
        if (list.Count == 0)
        {
            return new PortalError(ErrorCodes.MethodNotEnrolled);
        }

        var json = ceremony.AssertionOptions(list).ToJson();
        await sessions.SaveChallengeAsync(session, json, time.GetUtcNow() + options.Value.ChallengeLifetime, cancellationToken);
        return json;
    }

    /// <summary>
    /// Checks an answer of <paramref name="account"/>'s <paramref name="passkey"/> (the row the answer names; null when the account
    /// has none such) against the options that carried its challenge. Nothing is written: a match brings the new signature counter
    /// for the step's own transaction (<see cref="PasskeyStore.RecordUse"/>). A counter that did not go up is refused and audited (PK4).
    /// </summary>
    public async Task<PasskeyProof> CheckAsync(
        AccountEntity account, PasskeyEntity? passkey, string optionsJson, AuthenticatorAssertionRawResponse answer, string clientIp, CancellationToken cancellationToken)
    {
        if (account.PasskeyUserHandle is not { } handle || passkey is null)
        {
            return PasskeyProof.Wrong;
        }

        var result = await ceremony.VerifyAsync(AssertionOptions.FromJson(optionsJson), answer, passkey, Base64Url.DecodeFromChars(handle), cancellationToken);
        switch (result.Check)
        {
            case PasskeyCheck.Match:
                return new PasskeyProof(CodeCheck.Match, passkey, result.SignCount, result.BackupEligible);
            case PasskeyCheck.CounterWentBack:
                await audit.WriteAsync(account.PartitionKey, AuditEvents.PasskeySignCountWentBack, clientIp, passkey.Id, cancellationToken);
                return PasskeyProof.Wrong;
            default:
                return PasskeyProof.Wrong;
        }
    }
}

/// <summary>
/// How a passkey's answer compared, counted like a code; when it matched, the passkey, its new signature counter and whether
/// it is a synced passkey (its backup-eligible flag).
/// </summary>
public sealed record PasskeyProof(CodeCheck Check, PasskeyEntity? Passkey = null, uint SignCount = 0, bool Synced = false)
{
    public static PasskeyProof Wrong { get; } = new(CodeCheck.Wrong);

    public static PasskeyProof Expired { get; } = new(CodeCheck.Expired);
}

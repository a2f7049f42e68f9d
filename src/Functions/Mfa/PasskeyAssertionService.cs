using System.Buffers.Text;
using System.Text.Json;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passkeys;
using Fido2NetLib;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// A passkey as the second factor (and for step-up): options naming the account's passkeys, bound to the session,
/// and the check of the browser's answer, which the verify and step-up steps count like a code (rules PK2-PK5).
/// </summary>
public sealed class PasskeyAssertionService(
    AccountStore store,
    PasskeyStore passkeys,
    PasskeyChallengeStore challenges,
    PasskeyCeremony ceremony,
    AuditLog audit,
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

        var list = account.HasPasskey ? await passkeys.ListAsync(account.PartitionKey, cancellationToken) : [];
        if (list.Count == 0)
        {
            return new PortalError(ErrorCodes.MethodNotEnrolled);
        }

        var json = ceremony.AssertionOptions(list).ToJson();
        await challenges.SaveAsync(PasskeyBindings.SecondFactor(session.RowKey), json, cancellationToken);
        return json;
    }

    /// <summary>
    /// Checks the answer to the session's open passkey challenge (taking it: it works once). <see cref="CodeCheck.Expired"/>
    /// when no challenge is open; <see cref="CodeCheck.Wrong"/> for any refused answer, which counts toward the lock.
    /// </summary>
    public async Task<PasskeyProof> CheckAsync(SessionEntity session, JsonElement? credential, string clientIp, CancellationToken cancellationToken)
    {
        var options = await challenges.TakeAsync(PasskeyBindings.SecondFactor(session.RowKey), cancellationToken);
        if (options is null)
        {
            return new PasskeyProof(CodeCheck.Expired, false);
        }

        var account = await store.FindAsync(session.PartitionKey, cancellationToken);
        return account is null ? new PasskeyProof(CodeCheck.Wrong, false) : await CheckAsync(account, options, PasskeyJson.ReadAssertion(credential)!, clientIp, cancellationToken);
    }

    /// <summary>
    /// Checks an assertion of <paramref name="account"/>'s passkey against the options that carried its challenge; a match
    /// records the new signature counter. A counter that did not go up is refused and audited (rule PK4).
    /// </summary>
    public async Task<PasskeyProof> CheckAsync(
        AccountEntity account, string optionsJson, AuthenticatorAssertionRawResponse answer, string clientIp, CancellationToken cancellationToken)
    {
        if (account.PasskeyUserHandle is not { } handle)
        {
            return new PasskeyProof(CodeCheck.Wrong, false);
        }

        var passkey = await passkeys.FindAsync(account.PartitionKey, PasskeyStore.Key(answer.RawId), cancellationToken);
        if (passkey is null)
        {
            return new PasskeyProof(CodeCheck.Wrong, false);
        }

        var result = await ceremony.VerifyAsync(AssertionOptions.FromJson(optionsJson), answer, passkey, Base64Url.DecodeFromChars(handle), cancellationToken);
        var counterOk = result.Check == PasskeyCheck.Match
            && await passkeys.TryRecordUseAsync(passkey, result.SignCount, time.GetUtcNow(), cancellationToken);
        if (result.Check == PasskeyCheck.CounterWentBack || (result.Check == PasskeyCheck.Match && !counterOk))
        {
            await audit.WriteAsync(account.PartitionKey, AuditEvents.PasskeySignCountWentBack, clientIp, passkey.Id, cancellationToken);
        }

        return new PasskeyProof(counterOk ? CodeCheck.Match : CodeCheck.Wrong, counterOk && result.BackupEligible);
    }
}

/// <summary>How a passkey's answer compared, counted like a code; and, when it matched, whether the key is a synced passkey.</summary>
public readonly record struct PasskeyProof(CodeCheck Check, bool Synced)
{
    /// <summary>What the answer proved (RFC 8176): <c>hwk</c> or <c>swk</c>, and <c>user</c>.</summary>
    public IReadOnlyCollection<string> Proves => MfaMethods.Proves(MfaMethods.Passkey, Synced);
}

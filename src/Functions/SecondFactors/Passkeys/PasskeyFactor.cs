using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Storage;

namespace CustomerPortal.Functions.SecondFactors.Passkeys;

/// <summary>
/// Passkeys (WebAuthn, through fido2-net-lib): rows of their own in the account's partition, counted on the account row; an
/// answer is checked against the ceremony open in the session and the passkey's row, read with the session and account; a right
/// one records the new signature counter in the same transaction. Removed one at a time, by id.
/// </summary>
public sealed class PasskeyFactor(PasskeyStore passkeys, PasskeyAssertionService assertions, TimeProvider time) : ISecondFactor
{
    public const string Method = "passkey";

    /// <summary>The housekeeping kind of a ceremony's options never answered.</summary>
    public const string ExpiredChallenge = "passkey_challenge";

    public string Name => Method;

    public int? SetupOrder => 2;

    /// <summary>A new passkey is one more, never a replacement.</summary>
    public bool SetupReplaces => false;

    public bool RemovedByItem => true;

    public bool IsEnrolled(AccountEntity account) => account.PasskeyCount > 0;

    public KeyValuePair<string, object?>? Status(AccountEntity account) => new("passkeys", account.PasskeyCount);

    public IEnumerable<string> Describe(AccountEntity account, IReadOnlyList<string>? itemNames)
        => itemNames is { Count: > 0 } ? itemNames.Select(EmailWords.For(account).PasskeyNamed)
            : account.PasskeyCount > 0 ? [EmailWords.For(account).Passkeys(account.PasskeyCount)] : [];

    public async Task<IReadOnlyList<string>?> ItemNamesAsync(string accountId, CancellationToken cancellationToken)
        => [.. (await passkeys.ListAsync(accountId, cancellationToken)).OrderBy(p => p.CreatedAt).Select(p => p.Name)];

    public void ValidateProof(VerifyRequest request, ValidationErrors errors)
    {
        if (PasskeyJson.ReadAssertion(request.Credential) is null)
        {
            errors.Add("credential", "Send the passkey's answer as the browser gave it.");
        }
    }

    public IReadOnlyCollection<string> RowsFor(VerifyRequest request)
        => PasskeyJson.ReadAssertion(request.Credential) is { } answer ? [RowKeyOf(answer.RawId)] : [];

    /// <summary>The ceremony against the options open in the session (<see cref="SessionEntity.Challenge"/>): none open, or too old, is an expired code.</summary>
    public async ValueTask<SecondFactorProof> PrepareAsync(ProofContext context, CancellationToken cancellationToken)
    {
        var session = context.Session;
        if (session.Challenge is not { Length: > 0 } optionsJson || !(session.ChallengeExpiresAt > time.GetUtcNow()))
        {
            return new SecondFactorProof(null, PasskeyProof.Expired);
        }

        var answer = PasskeyJson.ReadAssertion(context.Credential)!;
        var passkey = context.Rows.Get<PasskeyEntity>(RowKeyOf(answer.RawId));
        return new SecondFactorProof(null, await assertions.CheckAsync(context.Account, passkey, optionsJson, answer, context.ClientIp, cancellationToken));
    }

    public CodeCheck Check(AccountEntity account, SecondFactorProof proof) => Of(proof).Check;

    public IReadOnlyCollection<string> Proves(SecondFactorProof proof) => Proves(Of(proof).Synced);

    /// <summary>What a passkey proves (RFC 8176): <c>hwk</c>, or <c>swk</c> for a synced one, and <c>user</c> (verification is required).</summary>
    public static IReadOnlyCollection<string> Proves(bool synced)
        => [synced ? AuthenticationMethods.SoftwareKey : AuthenticationMethods.HardwareKey, AuthenticationMethods.UserVerification];

    public IEnumerable<TableTransactionAction> Writes(SecondFactorProof proof)
        => Of(proof) is { Check: CodeCheck.Match, Passkey: { } passkey } match ? [PasskeyStore.RecordUse(passkey, match.SignCount, time.GetUtcNow())] : [];

    /// <summary>The code-check errors in a passkey's words: a refused answer is <c>passkey_rejected</c>, a spent challenge <c>passkey_challenge_expired</c>.</summary>
    public PortalError? Translate(PortalError? error) => Words(error);

    /// <inheritdoc cref="Translate"/>
    public static PortalError? Words(PortalError? error) => error?.Code switch
    {
        ErrorCodes.InvalidCode => error with { Code = ErrorCodes.PasskeyRejected },
        ErrorCodes.CodeExpired => error with { Code = ErrorCodes.PasskeyChallengeExpired },
        _ => error,
    };

    /// <summary>The passkey named (404 <c>not_found</c> when the account has none such), or for support's reset every one.</summary>
    public async Task<Outcome<RemovalTarget>> FindAsync(string accountId, string? item, CancellationToken cancellationToken)
    {
        if (item is null)
        {
            return new RemovalTarget([.. await passkeys.ListAsync(accountId, cancellationToken)], Everything: true);
        }

        var passkey = PasskeyIds.IsWellFormed(item) ? await passkeys.FindAsync(accountId, item, cancellationToken) : null;
        return passkey is null ? new PortalError(ErrorCodes.NotFound) : new RemovalTarget([passkey]);
    }

    public bool EndsMethod(AccountEntity account, RemovalTarget target) => target.Everything || account.PasskeyCount <= target.Items.Count;

    /// <summary>The rows go in the transaction of the account change that stops counting them.</summary>
    public IReadOnlyList<TableTransactionAction> Remove(AccountEntity account, RemovalTarget target)
    {
        account.PasskeyCount = target.Everything ? 0 : Math.Max(0, account.PasskeyCount - target.Items.Count);
        return [.. target.Items.Cast<PasskeyEntity>().Select(PasskeyStore.Delete)];
    }

    /// <summary>The lookup rows, after the passkey rows are gone: one left by a failure here signs nobody in, and the next removal tries again.</summary>
    public async Task AfterRemovedAsync(RemovalTarget target, CancellationToken cancellationToken)
    {
        foreach (var passkey in target.Items.Cast<PasskeyEntity>())
        {
            await passkeys.DeleteLookupIfExistsAsync(passkey.Id, cancellationToken);
        }
    }

    // Answered challenges are deleted by their answer; these are the ones nobody answered (passwordless options are open to anyone).
    public IReadOnlyList<ExpiringRows> ExpiringRows(DateTimeOffset now)
        => [new(TableNames.PasskeyChallenges, TableClient.CreateQueryFilter($"ExpiresAt le {now}"), ExpiredChallenge)];

    /// <summary>The row key of the passkey with <paramref name="credentialId"/>.</summary>
    public static string RowKeyOf(ReadOnlySpan<byte> credentialId) => PasskeyEntity.RowPrefix + PasskeyStore.Key(credentialId);

    private static PasskeyProof Of(SecondFactorProof proof) => proof.Prepared as PasskeyProof ?? PasskeyProof.Wrong;
}

using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// One second-factor method, chosen by its <see cref="Name"/> as ASP.NET Core Identity chooses an
/// <c>IUserTwoFactorTokenProvider</c>: what the account holds of it, how a proof of it is checked, what is written with a right
/// one, how it goes and what of it expires. Verify, setup, step-up, removal, support's reset and housekeeping loop over the
/// registered methods (<see cref="SecondFactorRegistry"/>) and never name one; the rules they share (attempts and lock, step-up,
/// the setup plan, audit) sit beside this interface. Starting a setup differs by method (a phone number, a new key, WebAuthn
/// options), so each method's folder has its own setup routes, which finish through <see cref="SecondFactorSetup"/>.
/// </summary>
public interface ISecondFactor
{
    /// <summary>The method's name in requests, answers, audit details and metrics (<c>totp</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Its place in a setup plan and in the account's list of methods (lower first), or null when it is no method of its own:
    /// recovery codes come with any method, are used like one, and are never set up or removed alone.
    /// </summary>
    int? SetupOrder { get; }

    /// <summary>What support's reset calls it in its audit detail (<c>recovery-codes</c>). Default: <see cref="Name"/>.</summary>
    string AuditName => Name;

    /// <summary>Whether a new setup of it replaces one the account has (a phone, an app), rather than adding another (a passkey).</summary>
    bool SetupReplaces => true;

    /// <summary>Whether removing it names one item (a passkey's id), not the whole method.</summary>
    bool RemovedByItem => false;

    /// <summary>What wrong answers count against, and for how many: the account's second-factor lock, and for SMS the code's own.</summary>
    int AttemptsRemaining(AccountEntity account, MfaOptions options) => MfaLockout.AttemptsRemaining(account, options);

    /// <summary>The audit event and security email of a right proof, when it is not the step's own (a recovery code used).</summary>
    (string AuditEvent, SecurityEmailKind Email)? Used => null;

    /// <summary>Whether the account has it.</summary>
    bool IsEnrolled(AccountEntity account);

    /// <summary>
    /// How a security email names what the account has of it ("Authenticator App"), one line per item, or none when the
    /// account has none; <paramref name="itemNames"/> are its items' own names when read (<see cref="ItemNamesAsync"/>), else null.
    /// </summary>
    IEnumerable<string> Describe(AccountEntity account, IReadOnlyList<string>? itemNames) => [];

    /// <summary>The names the customer gave its items (a passkey's "Work laptop"), read from its own rows; null when it has no items.</summary>
    Task<IReadOnlyList<string>?> ItemNamesAsync(string accountId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>?>(null);

    /// <summary>What <c>GET /api/mfa</c> shows of it under <c>enrolled</c>, or null when it shows nothing there.</summary>
    KeyValuePair<string, object?>? Status(AccountEntity account);

    /// <summary>Checks the shape of a proof in a verify or step-up body, before any storage is touched (a typo costs no attempt).</summary>
    void ValidateProof(VerifyRequest request, ValidationErrors errors);

    /// <summary>Further rows of the account's partition the proof is checked against (a passkey's row), read with the session and account.</summary>
    IReadOnlyCollection<string> RowsFor(VerifyRequest request) => [];

    /// <summary>
    /// The work a proof needs before the account's decision (a passkey's ceremony, against the challenge open in the session);
    /// most methods need none. Not called while the account is locked or lacks the method.
    /// </summary>
    ValueTask<SecondFactorProof> PrepareAsync(ProofContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(new SecondFactorProof(context.Request.Code));

    /// <summary>Checks the proof on the account row read for this decision, consuming what a use consumes (a code, a time step).</summary>
    CodeCheck Check(AccountEntity account, SecondFactorProof proof);

    /// <summary>What a right proof proves, as RFC 8176 values (a session's <c>amr</c>).</summary>
    IReadOnlyCollection<string> Proves(SecondFactorProof proof);

    /// <summary>Rows a right proof changes besides the account, in the same transaction (a passkey's signature counter).</summary>
    IEnumerable<TableTransactionAction> Writes(SecondFactorProof proof) => [];

    /// <summary>The method's own words for the code-check errors (a passkey's answer is <c>passkey_rejected</c>, not <c>invalid_code</c>).</summary>
    PortalError? Translate(PortalError? error) => error;

    /// <summary>Forgets what waits for its setup's proof (a completed plan withdraws every open setup).</summary>
    void WithdrawSetup(AccountEntity account)
    {
    }

    /// <summary>What a removal of it takes away: the whole method, or the item named (404 <c>not_found</c> when the account has none).</summary>
    Task<Outcome<RemovalTarget>> FindAsync(string accountId, string? item, CancellationToken cancellationToken)
        => Task.FromResult<Outcome<RemovalTarget>>(RemovalTarget.Whole);

    /// <summary>Whether removing <paramref name="target"/> leaves the account without this method (the last-method rule).</summary>
    bool EndsMethod(AccountEntity account, RemovalTarget target) => true;

    /// <summary>Removes it (or the target) from the account row; answers the rows of its own to delete in the same transaction.</summary>
    IReadOnlyList<TableTransactionAction> Remove(AccountEntity account, RemovalTarget target);

    /// <summary>What goes after the removal's write, outside the account's partition (a passkey's credential lookup rows).</summary>
    Task AfterRemovedAsync(RemovalTarget target, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Clears what of it has expired on the account row at <paramref name="now"/>; answers the housekeeping kinds cleared.</summary>
    IReadOnlyList<string> ClearExpired(AccountEntity account, DateTimeOffset now) => [];

    /// <summary>A filter over account rows that finds every row <see cref="ClearExpired"/> may clear (it may find more), or null.</summary>
    string? ExpiredValuesFilter(DateTimeOffset now) => null;

    /// <summary>Tables of its own whose expired rows the housekeeping job deletes.</summary>
    IReadOnlyList<ExpiringRows> ExpiringRows(DateTimeOffset now) => [];
}

using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// Finishing a setup step, the same for every method: only the session's next step, after a step-up in a full session; the
/// proof counted like a code under the lock; then the next step, or (the plan's last) recovery codes, every open setup
/// withdrawn and a full session. Audited whatever the outcome; devices remembered with a replaced method are forgotten; every
/// method added (but the first setup of a new account) is emailed about, claimed in the change's own write: a plan's last step
/// here, and a method added outside a plan (<see cref="AddAsync"/>, a passkey on the account page) too, so no add path is
/// silent (rule EM4). Each method's folder starts its setup and hands its proof here.
/// </summary>
public sealed class SecondFactorSetup(
    SecondFactorRegistry factors,
    AccountStore store,
    SessionService sessions,
    SecondFactorAudit audit,
    DeviceService devices,
    SecurityEmails securityEmails,
    IOptions<MfaOptions> options,
    TimeProvider time)
{
    /// <summary>Whether <paramref name="session"/> may set up <paramref name="factor"/> now: it is the plan's next step, with a fresh step-up in a full session.</summary>
    public PortalError? Gate(SessionEntity session, ISecondFactor factor)
        => session.NextSetupStep != factor.Name ? new PortalError(ErrorCodes.WrongStage) : StepUp.Require(session, time.GetUtcNow(), options.Value);

    /// <summary>Whether the session may change the account's methods at all (<see cref="SetupPlan.CanSetUp"/>).</summary>
    public bool CanSetUp(SessionEntity session, AccountEntity account)
        => SetupPlan.CanSetUp(session, factors.EnrolledMethods(account)) && !SetupPlan.NeedsMailbox(session, account);

    public async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmAsync(SessionEntity session, SetupProof proof, string clientIp, CancellationToken cancellationToken)
    {
        var factor = proof.Factor;
        if (Gate(session, factor) is { } refused)
        {
            return refused;
        }

        var replaced = false;
        StepRecord? record = null;
        EmailMessage? added = null;
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            replaced = false;
            record = null;
            added = null;
            if (account is not null && !CanSetUp(session, account))
            {
                return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(new PortalError(ErrorCodes.WrongStage));
            }

            if (account is not null && proof.Precheck(account) is { } error)
            {
                return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.ReadOnly(error);
            }

            var had = account is not null && factor.IsEnrolled(account);
            var attempt = MfaAttempt.Apply(account, time.GetUtcNow(), options.Value, proof.Check, a => factor.AttemptsRemaining(a, options.Value));
            if (account is null)
            {
                return attempt.Change<SessionStepResult<SetupStepResponse>>();
            }

            var change = attempt.Error is null ? Confirmed(account, session, proof, out added) : attempt.Change<SessionStepResult<SetupStepResponse>>();
            replaced = attempt.Error is null && had && factor.SetupReplaces;
            var done = change.Result.Value?.Response.Next == SetupPlan.Done;
            record = audit.Decide(account, factor, factor.Translate(attempt.Error), done ? AuditEvents.MfaSetupCompleted : AuditEvents.MfaMethodEnrolled, clientIp);
            return SecondFactorAudit.With(change, record);
        }, cancellationToken);

        outcome = outcome.Error is { } failed ? factor.Translate(failed)! : outcome;
        var finished = outcome.Value?.Response.Next == SetupPlan.Done;
        await audit.DoneAsync(session.PartitionKey, factor, outcome.Error, finished ? AuditEvents.MfaSetupCompleted : AuditEvents.MfaMethodEnrolled, record, clientIp, cancellationToken);
        var remembered = outcome.Value?.DeviceCookie;
        if (outcome.Succeeded && replaced)
        {
            // A replaced phone or app may be in someone else's hands: the devices remembered with it are forgotten (rule RD9).
            await devices.ForgetAllAsync(session.PartitionKey, DeviceForgetReasons.MethodReplaced, clientIp, cancellationToken, keep: remembered);
        }

        if (remembered is { } device)
        {
            await devices.RememberedAsync(session.PartitionKey, device, proof.Client.Cookie, clientIp, cancellationToken);
        }

        if (outcome.Succeeded)
        {
            await securityEmails.SendAsync(added, session.PartitionKey);
        }

        return outcome;
    }

    /// <summary>
    /// A method added outside a setup plan, in a full session after a step-up: one more of a method that adds rather than replaces
    /// (a passkey on the account page). Counted like a setup code under the lock, listed with the session's methods, audited, and
    /// emailed about in the same write (rule EM4).
    /// </summary>
    public async Task<Outcome<bool>> AddAsync(SessionEntity session, SetupProof proof, string clientIp, CancellationToken cancellationToken)
    {
        var factor = proof.Factor;
        if (!session.IsFull || factor.SetupReplaces)
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        if (StepUp.Require(session, time.GetUtcNow(), options.Value) is { } stepUp)
        {
            return stepUp;
        }

        StepRecord? record = null;
        EmailMessage? added = null;
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            record = null;
            added = null;
            if (account is not null && proof.Precheck(account) is { } error)
            {
                return AccountChange<Outcome<bool>>.ReadOnly(error);
            }

            var attempt = MfaAttempt.Apply(account, time.GetUtcNow(), options.Value, proof.Check, a => factor.AttemptsRemaining(a, options.Value));
            if (account is null)
            {
                return attempt.Change<bool>();
            }

            var change = attempt.Change<bool>();
            if (attempt.Error is null)
            {
                added = Added(account, [factor.Name], proof);
                change = AccountChange<Outcome<bool>>.Save(true, [.. proof.Enrol, SessionService.CopyMethods(session, factors.EnrolledMethods(account))]);
            }

            record = audit.Decide(account, factor, factor.Translate(attempt.Error), AuditEvents.MfaMethodEnrolled, clientIp);
            return SecondFactorAudit.With(change, record);
        }, cancellationToken);

        outcome = outcome.Error is { } failed ? factor.Translate(failed)! : outcome;
        await audit.DoneAsync(session.PartitionKey, factor, outcome.Error, AuditEvents.MfaMethodEnrolled, record, clientIp, cancellationToken);
        if (outcome.Succeeded)
        {
            await securityEmails.SendAsync(added, session.PartitionKey);
        }

        return outcome;
    }

    // The security email of an added method, claimed on the account row the add writes: every add but an account's very first
    // setup (right after activation, before its first full sign-in), where the customer is the one who just got the activation link.
    private EmailMessage? Added(AccountEntity account, IReadOnlyList<string> methods, SetupProof proof)
        => account.LastSignInAt is null
            ? null
            : securityEmails.Claim(account, SecurityEmailKind.MethodAdded, time.GetUtcNow(), string.Join(',', methods), new SecurityEmailDetails(ItemName: proof.ItemName));

    // The proof matched: the next step, or the plan's end with recovery codes, every open setup withdrawn and a full session.
    private AccountChange<Outcome<SessionStepResult<SetupStepResponse>>> Confirmed(AccountEntity account, SessionEntity session, SetupProof proof, out EmailMessage? added)
    {
        added = null;
        TableTransactionAction[] enrol = [.. proof.Enrol];
        var remaining = SetupPlan.Without(session, proof.Factor.Name);
        if (remaining.Length > 0)
        {
            return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.Save(
                new SessionStepResult<SetupStepResponse>(new SetupStepResponse(remaining[0], null), null), [.. enrol, SessionService.AdvancePlan(session, remaining)]);
        }

        // Claimed before the session below marks the account's first full sign-in (LastSignInAt).
        added = Added(account, SetupPlan.Steps(session.SetupPlan), proof);
        var codes = !session.IsFull || !RecoveryCodes.Has(account) ? RecoveryCodes.IssueTo(account) : null;

        // A completed plan withdraws every setup still open in other sessions (a waiting phone and its code, a waiting key).
        foreach (var factor in factors.All)
        {
            factor.WithdrawSetup(account);
        }

        // The setup that support's reset waited for (rule SD15) is done: its enrolment link goes with it.
        EnrolmentLinks.Done(account);

        // A first setup proves a factor now, with every method of its plan; one inside a full session adds a method to a session
        // that has already authenticated, so its step-up time, what it proved and when carry over.
        var secondFactorAt = session.IsFull ? session.SecondFactorAt : time.GetUtcNow();
        IReadOnlyCollection<string> proven = session.IsFull
            ? []
            : [.. SetupPlan.Steps(session.SetupPlan).SelectMany(method => method == proof.Factor.Name ? proof.Proves : ProvesBySetup(method))];
        var (cookie, insert) = sessions.Start(account, SessionStages.Full, session, secondFactorAt, proven: proven, methods: factors.EnrolledMethods(account));
        var (device, remember) = proof.RememberDevice ? DeviceStore.Remember(account.PartitionKey, proof.Client.Name, time.GetUtcNow()) : default;
        return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.Save(
            new SessionStepResult<SetupStepResponse>(new SetupStepResponse(SetupPlan.Done, codes), cookie, remember is null ? null : device),
            [.. enrol, SessionService.End(session), insert, .. remember is null ? [] : new[] { remember }]);
    }

    // An earlier step of the plan: what its method's code proved (a passkey, always the plan's last step, is the current one).
    private IReadOnlyCollection<string> ProvesBySetup(string method)
        => factors.Find(method) is { } factor ? factor.Proves(new SecondFactorProof(null)) : [];
}

/// <summary>
/// One setup confirmation, as a method hands it to <see cref="SecondFactorSetup"/>: its check on the account row (which enrols
/// the method when it matches), a refusal before any attempt is counted (nothing waiting: <c>setup_expired</c>), rows to add with
/// it, what it proves, and whether the customer asked to remember the device.
/// </summary>
public sealed record SetupProof(
    ISecondFactor Factor,
    Func<AccountEntity, CodeCheck> Check,
    Func<AccountEntity, PortalError?> Precheck,
    IReadOnlyCollection<string> Proves,
    bool RememberDevice,
    ClientDevice Client)
{
    /// <summary>Rows added with the method, in the same transaction (a passkey's row).</summary>
    public IReadOnlyList<TableTransactionAction> Enrol { get; init; } = [];

    /// <summary>The name the customer gave the item added (a passkey's), for the security email; null for a method without items.</summary>
    public string? ItemName { get; init; }
}

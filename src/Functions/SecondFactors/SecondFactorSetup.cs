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
/// withdrawn and a full session. Audited whatever the outcome; devices remembered with a replaced method are forgotten; a
/// method added in a full session is emailed about. Each method's folder starts its setup and hands its proof here.
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
    public bool CanSetUp(SessionEntity session, AccountEntity account) => SetupPlan.CanSetUp(session, factors.EnrolledMethods(account));

    public async Task<Outcome<SessionStepResult<SetupStepResponse>>> ConfirmAsync(SessionEntity session, SetupProof proof, string clientIp, CancellationToken cancellationToken)
    {
        var factor = proof.Factor;
        if (Gate(session, factor) is { } refused)
        {
            return refused;
        }

        var replaced = false;
        StepRecord? record = null;
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            replaced = false;
            record = null;
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

            var change = attempt.Error is null ? Confirmed(account, session, proof) : attempt.Change<SessionStepResult<SetupStepResponse>>();
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

        if (finished && session.IsFull)
        {
            // A full session's account already had a factor, so a completed plan added (or replaced) one: tell the customer (EM4).
            var planned = SetupPlan.Steps(session.SetupPlan);
            await securityEmails.NotifyAsync(session.PartitionKey, SecurityEmailKind.MethodAdded, planned.Length == 1 ? planned[0] : null, cancellationToken);
        }

        return outcome;
    }

    // The proof matched: the next step, or the plan's end with recovery codes, every open setup withdrawn and a full session.
    private AccountChange<Outcome<SessionStepResult<SetupStepResponse>>> Confirmed(AccountEntity account, SessionEntity session, SetupProof proof)
    {
        TableTransactionAction[] enrol = [.. proof.Enrol];
        var remaining = SetupPlan.Without(session, proof.Factor.Name);
        if (remaining.Length > 0)
        {
            return AccountChange<Outcome<SessionStepResult<SetupStepResponse>>>.Save(
                new SessionStepResult<SetupStepResponse>(new SetupStepResponse(remaining[0], null), null), [.. enrol, SessionService.AdvancePlan(session, remaining)]);
        }

        var codes = !session.IsFull || !RecoveryCodes.Has(account) ? RecoveryCodes.IssueTo(account) : null;

        // A completed plan withdraws every setup still open in other sessions (a waiting phone and its code, a waiting key).
        foreach (var factor in factors.All)
        {
            factor.WithdrawSetup(account);
        }

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
}

using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Events;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// The second factor proven: to sign in (a pending session becomes a full one) or again in a full session (step-up), with any
/// registered method. Two storage requests before the answer: the session, the account and the method's own rows in one
/// query; then one transaction with the account, the session, what the proof changed and the audit row.
/// </summary>
public sealed class MfaVerifyService(
    SecondFactorRegistry factors,
    AccountStore store,
    SessionService sessions,
    SecondFactorAudit audit,
    DeviceService devices,
    EventOutbox events,
    IOptions<MfaOptions> options,
    TimeProvider time)
{
    /// <summary>The rows of the account's partition the proof is checked against, read with the session and the account.</summary>
    public IReadOnlyCollection<string> RowsFor(VerifyRequest request) => factors.Find(request.Method)?.RowsFor(request) ?? [];

    /// <summary>The returning customer's second factor: a right one replaces the pending session with a full one in the same write.</summary>
    public async Task<Outcome<SessionStepResult<VerifyResponse>>> VerifyAsync(SessionRead read, VerifyRequest request, string clientIp, ClientDevice client, CancellationToken cancellationToken)
    {
        if (read.Session.SetupRemaining is { Length: > 0 })
        {
            // A setup plan started in this session is finished first: that is where recovery codes are issued.
            return new PortalError(ErrorCodes.WrongStage);
        }

        var factor = factors.Find(request.Method)!;
        var limit = SessionLimit.None;
        PortalEvent? signedIn = null;
        var (outcome, record) = await AttemptAsync<SessionStepResult<VerifyResponse>>(read, request, factor, AuditEvents.MfaVerified, clientIp, (rows, account, session, proof) =>
        {
            // An account without recovery codes (a setup left half-way in an earlier session) gets them now.
            var codes = factor.SetupOrder is not null && !RecoveryCodes.Has(account) ? RecoveryCodes.IssueTo(account) : null;
            var now = time.GetUtcNow();
            var (cookie, insert) = sessions.Start(account, SessionStages.Full, session, secondFactorAt: now, proven: factor.Proves(proof), methods: factors.EnrolledMethods(account));
            limit = sessions.Limit(rows.Sessions, SessionStages.Full, replacing: session);
            var (device, remember) = request.RememberDevice == true ? DeviceStore.Remember(account.PartitionKey, client.Name, now) : default;
            var result = new SessionStepResult<VerifyResponse>(new VerifyResponse(true, RecoveryCodes.Remaining(account), codes), cookie, remember is null ? null : device);

            // A remembered device skips this step, so a sign-in that gets here is from a browser the portal does not know.
            signedIn = PortalEvent.Of(PortalEventTypes.SignedInNewDevice, now, account.PartitionKey, account.ClaimNumber, account.Email, factor.Name);
            return AccountChange<Outcome<SessionStepResult<VerifyResponse>>>.Save(
                result, [SessionService.End(session), insert, .. limit.Ends, .. remember is null ? [] : new[] { remember }, .. factor.Writes(proof)]);
        }, cancellationToken);
        await audit.DoneAsync(read.Session.PartitionKey, factor, outcome.Error, AuditEvents.MfaVerified, record, clientIp, cancellationToken);
        if (outcome.Succeeded)
        {
            await events.PublishAsync(signedIn);
        }

        if (outcome.Succeeded && limit.Sids.Count > 0)
        {
            await sessions.EndedAsync(read.Session.PartitionKey, limit.Sids, SessionEndReasons.SessionLimit, cancellationToken);
        }

        if (outcome.Value?.DeviceCookie is { } remembered)
        {
            await devices.RememberedAsync(read.Session.PartitionKey, remembered, client.Cookie, clientIp, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A second factor proven again in a full session (step-up): the same methods, attempt counts and lock as sign-in;
    /// a right one opens the step-up window (<see cref="StepUp"/>) in this session.
    /// </summary>
    public async Task<Outcome<StepUpResponse>> StepUpAsync(SessionRead read, VerifyRequest request, string clientIp, CancellationToken cancellationToken)
    {
        var factor = factors.Find(request.Method)!;
        var (outcome, record) = await AttemptAsync<StepUpResponse>(read, request, factor, AuditEvents.MfaSteppedUp, clientIp, (_, account, session, proof) =>
        {
            var now = time.GetUtcNow();
            return AccountChange<Outcome<StepUpResponse>>.Save(
                new StepUpResponse(StepUp.Until(now, options.Value), RecoveryCodes.Remaining(account)),
                [SessionService.MarkSecondFactor(session, now, factor.Proves(proof)), .. factor.Writes(proof)]);
        }, cancellationToken);
        await audit.DoneAsync(read.Session.PartitionKey, factor, outcome.Error, AuditEvents.MfaSteppedUp, record, clientIp, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// One proof under the lockout rules, decided on the rows read with the session; a lost race reads them again. Its audit row
    /// goes in the same transaction; a checked answer closes the session's open ceremony (a challenge works once).
    /// </summary>
    private async Task<(Outcome<T> Outcome, StepRecord? Record)> AttemptAsync<T>(
        SessionRead read,
        VerifyRequest request,
        ISecondFactor factor,
        string successEvent,
        string clientIp,
        Func<AccountRows, AccountEntity, SessionEntity, SecondFactorProof, AccountChange<Outcome<T>>> success,
        CancellationToken cancellationToken)
    {
        var sessionKey = read.Session.RowKey;
        IReadOnlyCollection<string> rowKeys = [sessionKey, .. factor.RowsFor(request)];
        StepRecord? record = null;
        var outcome = await store.ChangeAsync(read.Rows, read.Session.PartitionKey, rowKeys, async rows =>
        {
            record = null;
            if (rows.Account is not { } account || rows.Get<SessionEntity>(sessionKey) is not { } session)
            {
                return AccountChange<Outcome<T>>.ReadOnly(new PortalError(ErrorCodes.SessionRequired));
            }

            if (!factors.IsUsable(factor, account))
            {
                return AccountChange<Outcome<T>>.ReadOnly(new PortalError(ErrorCodes.MethodNotEnrolled));
            }

            var now = time.GetUtcNow();
            var proof = MfaLockout.LockedFor(account, now) is null
                ? await factor.PrepareAsync(new ProofContext(session, rows, request, clientIp), cancellationToken)
                : new SecondFactorProof(request.Code);
            var attempt = MfaAttempt.Apply(account, now, options.Value, a => factor.Check(a, proof), a => factor.AttemptsRemaining(a, options.Value));
            var change = attempt.Error is null
                ? success(rows, account, session, proof)
                : attempt.Write && session.Challenge is { Length: > 0 }
                    ? new AccountChange<Outcome<T>>(attempt.Error, true, [SessionService.CloseChallenge(session)])
                    : attempt.Change<T>();
            record = audit.Decide(account, factor, factor.Translate(attempt.Error), successEvent, clientIp);
            return SecondFactorAudit.With(change, record);
        }, cancellationToken, withSessions: true);
        return (outcome.Error is { } error ? factor.Translate(error)! : outcome, record);
    }
}

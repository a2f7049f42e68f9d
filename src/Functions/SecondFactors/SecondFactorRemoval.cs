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
/// The one way a method goes, whichever it is: the customer's removal (<see cref="RemoveAsync"/>: a fresh step-up, never the
/// last method, the security email, the audit row in the same transaction, the devices remembered with it forgotten) and
/// support's reset of them all (<see cref="PrepareAllAsync"/>, <see cref="RemoveAll"/>, <see cref="AfterAllRemovedAsync"/>).
/// </summary>
public sealed class SecondFactorRemoval(
    SecondFactorRegistry factors,
    AccountStore store,
    AuditLog audit,
    SecurityEmails securityEmails,
    DeviceService devices,
    IOptions<MfaOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Removes <paramref name="factor"/> (or its <paramref name="item"/>) from the session's account after a step-up; never the
    /// account's last method (409 <c>last_method</c>). The customer is emailed, and the devices remembered with it are forgotten (RD9).
    /// </summary>
    public async Task<Outcome<bool>> RemoveAsync(SessionEntity session, ISecondFactor factor, string? item, string clientIp, CancellationToken cancellationToken)
    {
        if (StepUp.Require(session, time.GetUtcNow(), options.Value) is { } stepUp)
        {
            return stepUp;
        }

        var target = await factor.FindAsync(session.PartitionKey, item, cancellationToken);
        if (!target.Succeeded)
        {
            return target.Error!;
        }

        EmailMessage? notice = null;
        var outcome = await store.ChangeAsync(session.PartitionKey, account =>
        {
            notice = null;
            if (account is null)
            {
                return AccountChange<Outcome<bool>>.ReadOnly(new PortalError(ErrorCodes.SessionRequired));
            }

            if (!factor.IsEnrolled(account))
            {
                return AccountChange<Outcome<bool>>.ReadOnly(new PortalError(ErrorCodes.MethodNotEnrolled));
            }

            if (factor.EndsMethod(account, target.Value!) && factors.EnrolledMethods(account).Count == 1)
            {
                return AccountChange<Outcome<bool>>.ReadOnly(new PortalError(ErrorCodes.LastMethod));
            }

            var rows = factor.Remove(account, target.Value!);
            notice = securityEmails.Claim(account, SecurityEmailKind.MethodRemoved, time.GetUtcNow(), factor.Name);
            return AccountChange<Outcome<bool>>.Save(
                true,
                [.. rows, SessionService.CopyMethods(session, factors.EnrolledMethods(account)), audit.Row(session.PartitionKey, AuditEvents.MfaMethodRemoved, clientIp, factor.Name)]);
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            securityEmails.Send(notice, session.PartitionKey);
            await factor.AfterRemovedAsync(target.Value!, cancellationToken);

            // The devices remembered with the method are forgotten with it (rule RD9).
            await devices.ForgetAllAsync(session.PartitionKey, DeviceForgetReasons.MethodRemoved, clientIp, cancellationToken);
        }

        return outcome;
    }

    /// <summary>What support's reset takes from each method: read before the account change that removes them all.</summary>
    public async Task<IReadOnlyList<(ISecondFactor Factor, RemovalTarget Target)>> PrepareAllAsync(string accountId, CancellationToken cancellationToken)
    {
        var targets = new List<(ISecondFactor, RemovalTarget)>();
        foreach (var factor in factors.All)
        {
            var target = await factor.FindAsync(accountId, null, cancellationToken);
            targets.Add((factor, target.Value ?? RemovalTarget.Whole));
        }

        return targets;
    }

    /// <summary>
    /// In the account change of support's reset: removes every method and the recovery codes, withdraws every open setup and
    /// clears the lock; answers what the account had (<c>totp,passkey,recovery-codes</c>) and the rows to delete with it.
    /// </summary>
    public (IReadOnlyList<string> Removed, IReadOnlyList<TableTransactionAction> Rows) RemoveAll(
        AccountEntity account, IReadOnlyList<(ISecondFactor Factor, RemovalTarget Target)> targets)
    {
        var removed = new List<string>();
        var rows = new List<TableTransactionAction>();
        foreach (var (factor, target) in targets)
        {
            if (factor.IsEnrolled(account))
            {
                removed.Add(factor.AuditName);
            }

            factor.WithdrawSetup(account);
            rows.AddRange(factor.Remove(account, target));
        }

        MfaLockout.RecordSuccess(account);
        return (removed, rows);
    }

    /// <summary>After support's reset was written: what each method keeps outside the account's partition.</summary>
    public async Task AfterAllRemovedAsync(IReadOnlyList<(ISecondFactor Factor, RemovalTarget Target)> targets, CancellationToken cancellationToken)
    {
        foreach (var (factor, target) in targets)
        {
            await factor.AfterRemovedAsync(target, cancellationToken);
        }
    }
}

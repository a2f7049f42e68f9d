using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// What a support agent can see and do for a customer who calls: find the account by claim number or email, read its state and
/// audit trail, and unlock it, send a new activation link or a password-reset email, reset the second factor or end its sessions.
/// Every action is audited with the agent and the reason; no answer holds a secret, a link the customer should get by email,
/// or a full phone number.
/// </summary>
public sealed partial class SupportService(
    AccountStore store,
    SessionService sessions,
    SessionEndingChange sessionEnding,
    AuditLog audit,
    ActivationLinks activationLinks,
    PasswordResetLinks passwordResetLinks,
    SecurityEmails securityEmails,
    PortalMetrics metrics,
    DeviceService devices,
    PasskeyStore passkeys,
    SecondFactorRegistry factors,
    SecondFactorRemoval removal,
    TimeProvider time,
    ILogger<SupportService> logger)
{
    /// <summary>Events per page when <c>limit</c> is not given.</summary>
    public const int DefaultEventLimit = 50;

    /// <summary>Events per page at most.</summary>
    public const int MaxEventLimit = 200;

    /// <summary>The accounts of a claim (one index query and one read per account) or of an email (two reads).</summary>
    public async Task<IReadOnlyList<SupportAccountSummary>> FindAsync(SupportLookup lookup, SupportCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var found = new List<SupportAccountSummary>();
        if (lookup.ClaimNumber is { } claimNumber)
        {
            foreach (var id in await store.FindIdsByClaimNumberAsync(claimNumber, cancellationToken))
            {
                // An id whose account row is gone (a creation interrupted by an outage) is left out.
                if (await store.FindAsync(id, cancellationToken) is { } account)
                {
                    found.Add(Summary(account));
                }
            }

            LogLookup(logger, caller.Agent, "claim number", found.Count);
            return [.. found.OrderBy(a => a.CreatedAt).ThenBy(a => a.AccountId, StringComparer.Ordinal)];
        }

        if (await store.FindIdByEmailAsync(lookup.Email!, cancellationToken) is { } accountId
            && await store.FindAsync(accountId, cancellationToken) is { } byEmail)
        {
            // Accounts created before the claim index existed join it here, so the next call finds them by claim number.
            await store.EnsureClaimIndexedAsync(byEmail, cancellationToken);
            found.Add(Summary(byEmail));
        }

        LogLookup(logger, caller.Agent, "email", found.Count);
        return found;
    }

    /// <summary>One account's summary and its live sessions.</summary>
    public async Task<Outcome<SupportAccountDetail>> GetAsync(string accountId, SupportCaller caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId) || await store.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var live = await sessions.ListAsync(accountId, cancellationToken);
        var remembered = await devices.ListAsync(accountId, null, cancellationToken);
        var keys = account.PasskeyCount > 0 ? await passkeys.ListAsync(accountId, cancellationToken) : [];
        LogViewed(logger, caller.Agent, accountId);
        return new SupportAccountDetail(
            Summary(account),
            [.. live.OrderByDescending(s => s.CreatedAt).Select(s => new SupportSession(s.Stage, s.CreatedAt, s.LastSeenAt, s.Device ?? DeviceName.Unknown))],
            [.. remembered.Select(d => new SupportDevice(d.Id, d.Name, d.CreatedAt, d.LastUsedAt))],
            [.. keys.OrderBy(k => k.CreatedAt).Select(PasskeyView.From)]);
    }

    /// <summary>A page of the account's audit trail, newest first, older than the cursor <paramref name="before"/>.</summary>
    public async Task<Outcome<SupportEventsPage>> EventsAsync(string accountId, int limit, string? before, SupportCaller caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId) || await store.FindAsync(accountId, cancellationToken) is null)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var (events, more) = await audit.ReadAsync(accountId, limit, before, cancellationToken);
        LogViewed(logger, caller.Agent, accountId);
        return new SupportEventsPage(
            [.. events.Select(e => new SupportEvent(e.At, e.Event, e.Detail, e.ClientIp, e.Agent, e.Reason))],
            more ? events[^1].RowKey : null);
    }

    /// <summary>A new activation link for an account not activated yet; the old link stops working.</summary>
    public async Task<Outcome<ActivationLink>> RenewActivationAsync(string accountId, string reason, SupportCaller caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId))
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var outcome = await activationLinks.RenewAsync(accountId, cancellationToken);
        if (outcome.Succeeded)
        {
            await RecordAsync(accountId, AuditEvents.SupportActivationSent, "activation_sent", null, reason, caller, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Clears the password lock and the second-factor lock, with their counts and the doubling.</summary>
    public async Task<Outcome<bool>> UnlockAsync(string accountId, string reason, SupportCaller caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId))
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var detail = await store.ChangeAsync<string?>(accountId, account =>
        {
            if (account is null)
            {
                return AccountChange<string?>.ReadOnly(null);
            }

            var now = time.GetUtcNow();
            var wasLocked = new List<string>();
            if (PasswordLockout.IsLocked(account, now))
            {
                wasLocked.Add("password");
            }

            if (MfaLockout.LockedFor(account, now) is not null)
            {
                wasLocked.Add("second-factor");
            }

            PasswordLockout.RecordSuccess(account);
            MfaLockout.RecordSuccess(account);
            return AccountChange<string?>.Save(wasLocked.Count == 0 ? "none" : string.Join(',', wasLocked));
        }, cancellationToken);

        if (detail is null)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        await RecordAsync(accountId, AuditEvents.SupportUnlocked, "unlocked", detail, reason, caller, cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes every second factor (phone, authenticator key, recovery codes, anything waiting in a setup, the live SMS code) and
    /// the second-factor lock, and ends every session in the same write; the next sign-in goes to MFA setup. The customer is emailed.
    /// </summary>
    public async Task<Outcome<bool>> ResetMfaAsync(string accountId, string reason, SupportCaller caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId))
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        // Every method goes through the one removal path; passkey rows in the same transaction as the account change that stops
        // counting them (rule SD14), their lookup rows after it.
        var targets = await removal.PrepareAllAsync(accountId, cancellationToken);
        EmailMessage? notice = null;
        var removed = await sessionEnding.RunAsync<string?>(accountId, keep: null, SessionEndReasons.SupportResetMfa, account =>
        {
            notice = null;
            if (account is null)
            {
                return (AccountChange<string?>.ReadOnly(null), false);
            }

            var (forgotten, rows) = removal.RemoveAll(account, targets);
            if (account.PasswordHash is not null)
            {
                notice = securityEmails.Claim(account, SecurityEmailKind.MfaResetBySupport, time.GetUtcNow());
            }

            return (AccountChange<string?>.Save(forgotten.Count == 0 ? "none" : string.Join(',', forgotten), [.. rows]), true);
        }, cancellationToken);

        if (removed is null)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        securityEmails.Send(notice, accountId);
        await removal.AfterAllRemovedAsync(targets, cancellationToken);

        await RecordAsync(accountId, AuditEvents.SupportMfaReset, "mfa_reset", removed, reason, caller, cancellationToken);

        // The second factor the devices were remembered with is gone (rule RD9).
        await devices.ForgetAllAsync(accountId, DeviceForgetReasons.Support, "support", cancellationToken);
        return true;
    }

    /// <summary>Ends every session of the account (a lost or shared device); the account itself is unchanged.</summary>
    public async Task<Outcome<bool>> EndSessionsAsync(string accountId, string reason, SupportCaller caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId))
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        // The account row is written (unchanged) with its ETag, so a session started meanwhile makes the change list them again.
        var found = await sessionEnding.RunAsync(accountId, keep: null, SessionEndReasons.SupportEndSessions, account => (account is null ? AccountChange<bool>.ReadOnly(false) : AccountChange<bool>.Save(true), true), cancellationToken);
        if (!found)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        await RecordAsync(accountId, AuditEvents.SupportSessionsEnded, "sessions_ended", null, reason, caller, cancellationToken);
        return true;
    }

    /// <summary>Emails the customer a password-reset link (30 minutes, single use); the agent never sees it.</summary>
    public async Task<Outcome<PasswordResetAccepted>> SendPasswordResetAsync(string accountId, string reason, SupportCaller caller, CancellationToken cancellationToken)
    {
        // Without the customer's per-IP and per-email limits (the agent is not guessing emails) and the decoy work (the agent names
        // the account); nobody but the customer's mailbox sees the link.
        var issued = IsAccountId(accountId) ? await passwordResetLinks.IssueAsync(accountId, time.GetUtcNow(), cancellationToken) : ResetLinkIssue.NoAccount;
        switch (issued)
        {
            case ResetLinkIssue.NoAccount:
                return new PortalError(ErrorCodes.AccountNotFound);
            case ResetLinkIssue.NotActivated:
                return new PortalError(ErrorCodes.AccountNotActivated);
            default:
                await RecordAsync(accountId, AuditEvents.SupportPasswordResetSent, "password_reset_sent", null, reason, caller, cancellationToken);
                return new PasswordResetAccepted((int)passwordResetLinks.LinkLifetime.TotalSeconds);
        }
    }

    /// <summary>Whether <paramref name="accountId"/> has the form of an account id (32 lower-case hex); anything else names no account and touches no storage.</summary>
    public static bool IsAccountId(string? accountId)
        => accountId is { Length: 32 } && accountId.All(char.IsAsciiHexDigitLower);

    private SupportAccountSummary Summary(AccountEntity account)
    {
        var now = time.GetUtcNow();
        return new SupportAccountSummary(
            account.PartitionKey,
            account.DisplayName,
            account.Email,
            account.ClaimNumber,
            Activated: account.PasswordHash is not null,
            ActivationExpiresAt: account.PasswordHash is null ? account.ActivationExpiresAt : null,
            factors.EnrolledMethods(account),
            account.SmsPhoneHint,
            RecoveryCodes.Remaining(account),
            PasswordLockout.IsLocked(account, now) ? account.PasswordLockedUntil : null,
            MfaLockout.LockedFor(account, now) is not null ? account.MfaLockedUntil : null,
            account.LastSignInAt,
            account.CreatedAt);
    }

    private async Task RecordAsync(string accountId, string auditEvent, string action, string? detail, string reason, SupportCaller caller, CancellationToken cancellationToken)
    {
        metrics.SupportAction(action);
        LogAction(logger, caller.Agent, auditEvent, accountId);
        await audit.WriteAsync(accountId, auditEvent, caller.ClientIp, detail, caller.Agent, reason.Trim(), cancellationToken);
    }

    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "Support agent {Agent} looked up accounts by {Key}: {Count} found")]
    private static partial void LogLookup(ILogger logger, string agent, string key, int count);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Support agent {Agent} viewed account {AccountId}")]
    private static partial void LogViewed(ILogger logger, string agent, string accountId);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "Support agent {Agent}: {AuditEvent} for account {AccountId}")]
    private static partial void LogAction(ILogger logger, string agent, string auditEvent, string accountId);
}

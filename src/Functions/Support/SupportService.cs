using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Functions.Support;

/// <summary>
/// What a support agent can see and do for a customer who calls: find the account by claim number or email, read its state and
/// audit trail, and unlock it, send a new activation link or a password-reset email, reset the second factor, end its sessions
/// or forget its remembered devices.
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
    SecondFactorSummary summary,
    EnrolmentLinks enrolmentLinks,
    TimeProvider time,
    ILogger<SupportService> logger)
{
    /// <summary>Events per page when <c>limit</c> is not given.</summary>
    public const int DefaultEventLimit = 50;

    /// <summary>Events per page at most.</summary>
    public const int MaxEventLimit = 200;

    /// <summary>How often support may unlock one account in a UTC day (rule SD7): unlocking is otherwise a way to guess without end.</summary>
    public const int MaxUnlocksPerDay = 3;

    /// <summary>The accounts of a claim (one index query and one read per account) or of an email (two reads).</summary>
    public async Task<IReadOnlyList<SupportAccountSummary>> FindAsync(SupportLookup lookup, SupportAgent caller, CancellationToken cancellationToken)
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

            LogLookup(logger, caller.Id, "claim number", found.Count);
            await RecordLookAsync(found, AuditEvents.SupportLookedUp, "claim number", lookup.Reason!, caller, cancellationToken);
            return [.. found.OrderBy(a => a.CreatedAt).ThenBy(a => a.AccountId, StringComparer.Ordinal)];
        }

        if (await store.FindIdByEmailAsync(lookup.Email!, cancellationToken) is { } accountId
            && await store.FindAsync(accountId, cancellationToken) is { } byEmail)
        {
            // Accounts created before the claim index existed join it here, so the next call finds them by claim number.
            await store.EnsureClaimIndexedAsync(byEmail, cancellationToken);
            found.Add(Summary(byEmail));
        }

        LogLookup(logger, caller.Id, "email", found.Count);
        await RecordLookAsync(found, AuditEvents.SupportLookedUp, "email", lookup.Reason!, caller, cancellationToken);
        return found;
    }

    /// <summary>One account's summary and its live sessions.</summary>
    public async Task<Outcome<SupportAccountDetail>> GetAsync(string accountId, string reason, SupportAgent caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId) || await store.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var live = await sessions.ListAsync(accountId, cancellationToken);
        var remembered = await devices.ListAsync(accountId, null, cancellationToken);
        var keys = account.PasskeyCount > 0 ? await passkeys.ListAsync(accountId, cancellationToken) : [];
        LogViewed(logger, caller.Id, accountId);
        await audit.WriteAsync(accountId, AuditEvents.SupportViewed, caller.ClientIp, null, caller.Id, caller.Name, reason.Trim(), cancellationToken);
        return new SupportAccountDetail(
            Summary(account),
            [.. live.OrderByDescending(s => s.CreatedAt).Select(s => new SupportSession(s.Stage, s.CreatedAt, s.LastSeenAt, s.Device ?? DeviceName.Unknown))],
            [.. remembered.Select(d => new SupportDevice(d.Id, d.Name, d.CreatedAt, d.LastUsedAt))],
            [.. keys.OrderBy(k => k.CreatedAt).Select(PasskeyView.From)]);
    }

    /// <summary>
    /// A page of the account's audit trail, newest first, older than the cursor <paramref name="before"/>; the read is audited
    /// (<c>support-trail-read</c>, rule SD18) after the page is read, so a page never shows its own row.
    /// </summary>
    public async Task<Outcome<SupportEventsPage>> EventsAsync(string accountId, int limit, string? before, string reason, SupportAgent caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId) || await store.FindAsync(accountId, cancellationToken) is null)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var (events, more) = await audit.ReadAsync(accountId, limit, before, cancellationToken);
        LogViewed(logger, caller.Id, accountId);
        await audit.WriteAsync(accountId, AuditEvents.SupportTrailRead, caller.ClientIp, null, caller.Id, caller.Name, reason.Trim(), cancellationToken);
        return new SupportEventsPage(
            [.. events.Select(e => new SupportEvent(e.At, e.Event, e.Detail, e.ClientIp, e.Agent, e.AgentName, e.Reason))],
            more ? events[^1].RowKey : null);
    }

    /// <summary>A new activation link for an account not activated yet; the old link stops working.</summary>
    public async Task<Outcome<ActivationLink>> RenewActivationAsync(string accountId, string reason, SupportAgent caller, CancellationToken cancellationToken)
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

    /// <summary>
    /// Ends the password lock and the second-factor lock now, keeping their counts and doubling (the next wrong guesses lock for
    /// longer), at most <see cref="MaxUnlocksPerDay"/> times a UTC day per account (429 <c>unlock_limit</c>), and emails the
    /// customer (rule SD7). The count is on the account row, changed in the unlock's own conditional write, so parallel unlocks
    /// count exactly and a refused one changes nothing.
    /// </summary>
    public async Task<Outcome<bool>> UnlockAsync(string accountId, string reason, SupportAgent caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId))
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        EmailMessage? notice = null;
        var outcome = await store.ChangeAsync<Outcome<string>>(accountId, account =>
        {
            notice = null;
            if (account is null)
            {
                return AccountChange<Outcome<string>>.ReadOnly(new PortalError(ErrorCodes.AccountNotFound));
            }

            var now = time.GetUtcNow();
            var day = now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var unlocks = account.SupportUnlocksDay == day ? account.SupportUnlocks : 0;
            if (unlocks >= MaxUnlocksPerDay)
            {
                return AccountChange<Outcome<string>>.ReadOnly(new PortalError(ErrorCodes.UnlockLimit, RetryAfter: now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime));
            }

            var wasLocked = new List<string>();
            if (PasswordLockout.IsLocked(account, now))
            {
                wasLocked.Add("password");
            }

            if (MfaLockout.LockedFor(account, now) is not null)
            {
                wasLocked.Add("second-factor");
            }

            PasswordLockout.EndCurrentLock(account);
            MfaLockout.EndCurrentLock(account);
            (account.SupportUnlocksDay, account.SupportUnlocks) = (day, unlocks + 1);
            if (account.PasswordHash is not null)
            {
                notice = securityEmails.Claim(account, SecurityEmailKind.UnlockedBySupport, now);
            }

            return AccountChange<Outcome<string>>.Save(wasLocked.Count == 0 ? "none" : string.Join(',', wasLocked));
        }, cancellationToken);

        if (!outcome.Succeeded)
        {
            return outcome.Error!;
        }

        await securityEmails.SendAsync(notice, accountId);
        await RecordAsync(accountId, AuditEvents.SupportUnlocked, "unlocked", outcome.Value, reason, caller, cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes every second factor (phone, authenticator key, passkeys, recovery codes, anything waiting in a setup, the live SMS
    /// code) and the second-factor lock, and ends every session in the same write; the next sign-in goes to MFA setup, which needs
    /// the enrolment link emailed to the customer (rule SD15).
    /// </summary>
    public async Task<Outcome<bool>> ResetMfaAsync(string accountId, string reason, SupportAgent caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId))
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        // Every method goes through the one removal path; passkey rows in the same transaction as the account change that stops
        // counting them (rule SD14), their lookup rows after it. The passkeys are listed after the account row is read, each
        // attempt, and the change is written on that row's ETag: one added meanwhile makes the write lose its race and is listed
        // and removed in the next attempt (rule SD14, issue 23 finding 5).
        IReadOnlyList<(ISecondFactor Factor, RemovalTarget Target)> targets = [];
        EmailMessage? notice = null;
        var enrolmentSecret = SecureTokens.NewToken();
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
                // The first setup after this needs the mailbox proven (rule SD15): the link goes in the same email.
                var link = enrolmentLinks.Issue(account, enrolmentSecret);
                notice = securityEmails.Claim(
                    account, SecurityEmailKind.MfaResetBySupport, time.GetUtcNow(), details: new SecurityEmailDetails(Link: link, LinkLifetime: enrolmentLinks.Lifetime));
            }

            return (AccountChange<string?>.Save(forgotten.Count == 0 ? "none" : string.Join(',', forgotten), [.. rows]), true);
        }, cancellationToken, readAlso: async ct => targets = await removal.PrepareAllAsync(accountId, ct));

        if (removed is null)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        await securityEmails.SendAsync(notice, accountId);
        await removal.AfterAllRemovedAsync(targets, cancellationToken);

        await RecordAsync(accountId, AuditEvents.SupportMfaReset, "mfa_reset", removed, reason, caller, cancellationToken);

        // The second factor the devices were remembered with is gone (rule RD9).
        await devices.ForgetAllAsync(accountId, DeviceForgetReasons.Support, caller.ClientIp, cancellationToken);
        return true;
    }

    /// <summary>
    /// Ends every session of the account (a lost or shared device) and forgets every remembered device, whose cookie would sign in
    /// again with the password alone (rule SD10); the password and factors stay.
    /// </summary>
    public async Task<Outcome<bool>> EndSessionsAsync(string accountId, string reason, SupportAgent caller, CancellationToken cancellationToken)
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
        await devices.ForgetAllAsync(accountId, DeviceForgetReasons.Support, caller.ClientIp, cancellationToken);
        return true;
    }

    /// <summary>
    /// Forgets every remembered device of the account (a lost laptop whose saved password and device cookie sign in without a
    /// code): the next sign-in anywhere asks for the second factor. Sessions, password and factors stay (rule SD16).
    /// </summary>
    public async Task<Outcome<bool>> ForgetDevicesAsync(string accountId, string reason, SupportAgent caller, CancellationToken cancellationToken)
    {
        if (!IsAccountId(accountId) || await store.FindAsync(accountId, cancellationToken) is null)
        {
            return new PortalError(ErrorCodes.AccountNotFound);
        }

        var forgotten = await devices.ForgetAllAsync(accountId, DeviceForgetReasons.Support, caller.ClientIp, cancellationToken);
        await RecordAsync(accountId, AuditEvents.SupportDevicesForgotten, "devices_forgotten", forgotten.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, caller, cancellationToken);
        return true;
    }

    /// <summary>Emails the customer a password-reset link (30 minutes, single use); the agent never sees it.</summary>
    public async Task<Outcome<PasswordResetAccepted>> SendPasswordResetAsync(string accountId, string reason, SupportAgent caller, CancellationToken cancellationToken)
    {
        // Without the customer's per-IP and per-email limits (the agent is not guessing emails) and the decoy work (the agent names
        // the account); nobody but the customer's mailbox sees the link.
        var issued = IsAccountId(accountId) ? await passwordResetLinks.IssueAsync(accountId, time.GetUtcNow(), account => summary.Describe(account), cancellationToken) : ResetLinkIssue.NoAccount;
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

    private async Task RecordAsync(string accountId, string auditEvent, string action, string? detail, string reason, SupportAgent caller, CancellationToken cancellationToken)
    {
        metrics.SupportAction(action);
        LogAction(logger, caller.Id, auditEvent, accountId);
        await audit.WriteAsync(accountId, auditEvent, caller.ClientIp, detail, caller.Id, caller.Name, reason.Trim(), cancellationToken);
    }

    // Who looked at which account and why: one row in each account found (rule SD18).
    private async Task RecordLookAsync(IEnumerable<SupportAccountSummary> found, string auditEvent, string detail, string reason, SupportAgent caller, CancellationToken cancellationToken)
    {
        foreach (var account in found)
        {
            await audit.WriteAsync(account.AccountId, auditEvent, caller.ClientIp, detail, caller.Id, caller.Name, reason.Trim(), cancellationToken);
        }
    }

    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "Support agent {Agent} looked up accounts by {Key}: {Count} found")]
    private static partial void LogLookup(ILogger logger, string agent, string key, int count);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Support agent {Agent} viewed account {AccountId}")]
    private static partial void LogViewed(ILogger logger, string agent, string accountId);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "Support agent {Agent}: {AuditEvent} for account {AccountId}")]
    private static partial void LogAction(ILogger logger, string agent, string auditEvent, string accountId);
}

using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Passwords;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.SignIn.Throttling;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SignIn;

/// <summary>
/// Forgotten passwords. A request answers the same, after the same storage work, whatever the email: unknown, not activated,
/// locked or activated (only an activated account, locked or not, is emailed a link). The link is single use, works 30 minutes,
/// and a newer one kills it. Confirming it sets the password, clears the password lock, ends every session of the account and
/// starts a pending one: the second factor is still asked for.
/// </summary>
public sealed partial class PasswordResetService(
    AccountStore store,
    SessionEndingChange change,
    SessionService sessions,
    PortalPasswordHasher hasher,
    PasswordPolicy policy,
    AuditLog audit,
    SignInDecoyStore decoys,
    CounterStore counters,
    PasswordResetLinks links,
    SecurityEmails securityEmails,
    DeviceService devices,
    PortalMetrics metrics,
    IOptions<PasswordResetOptions> options,
    SecondFactorRegistry factors,
    SecondFactorSummary summary,
    ClientAddresses addresses,
    SignInThrottle throttle,
    BreachedPasswordCheck breaches,
    TimeProvider time,
    ILogger<PasswordResetService> logger)
{
    public const string ClientIpScope = "ip";
    public const string EmailScope = "email";

    /// <summary>
    /// <c>POST /api/auth/password-reset</c>: emails a link when the limits allow and an activated account uses the email; answers the
    /// same in every case, except that from an address under attack (AB6) it first needs a solved challenge, whatever the email.
    /// </summary>
    public async Task<Outcome<PasswordResetAccepted>> RequestAsync(PasswordResetRequest request, string clientIp, CancellationToken cancellationToken)
    {
        if (await throttle.RequireChallengeAsync(clientIp, SignInThrottle.PasswordResetAction, request.Altcha, cancellationToken) is { } challenge)
        {
            return challenge;
        }

        var settings = options.Value;
        var accepted = new PasswordResetAccepted((int)settings.LinkLifetime.TotalSeconds);
        var now = time.GetUtcNow();

        // Both limits are counted for every email, known or not, so they tell nothing about accounts either.
        var refusedBy = await OverLimitAsync(request.Email!, clientIp, now, cancellationToken);
        if (refusedBy is not null)
        {
            metrics.PasswordReset("requested", refusedBy);
            await audit.WriteAsync(null, AuditEvents.PasswordResetRequested, clientIp, refusedBy, cancellationToken);
            return accepted;
        }

        var accountId = await store.FindIdByEmailAsync(request.Email!, cancellationToken);
        if (accountId is null)
        {
            // The same work as a known email: an account read, one write, the audit row.
            await decoys.ReadAsync(cancellationToken);
            await decoys.WriteAsync(now, cancellationToken);
            await links.QueueDecoyAsync();
            metrics.PasswordReset("requested", "unknown-email");
            await audit.WriteAsync(null, AuditEvents.PasswordResetRequested, clientIp, "unknown-email", cancellationToken);
            return accepted;
        }

        var sent = await links.IssueAsync(accountId, now, account => summary.Describe(account), cancellationToken);
        if (sent != ResetLinkIssue.Sent)
        {
            await decoys.WriteAsync(now, cancellationToken);
        }

        var result = sent == ResetLinkIssue.Sent ? "sent" : "not-activated";
        metrics.PasswordReset("requested", result);
        await audit.WriteAsync(accountId, AuditEvents.PasswordResetRequested, clientIp, result, cancellationToken);
        return accepted;
    }

    /// <summary>
    /// <c>POST /api/auth/password-reset/check</c>: whether the link would still set a password, so the page says "Ask for a new link"
    /// before the customer types one (issue 27). One read of the account row; nothing is written or used up.
    /// </summary>
    public async Task<Outcome<bool>> CheckAsync(PasswordResetCheckRequest request, CancellationToken cancellationToken)
    {
        if (!AccountToken.TryParse(request.Token, out var token))
        {
            return new PortalError(ErrorCodes.ResetLinkInvalid);
        }

        var account = await store.FindAsync(token.AccountId, cancellationToken);
        return account is not null && ResetTokenMatches(account, token.Secret, time.GetUtcNow()) ? true : new PortalError(ErrorCodes.ResetLinkInvalid);
    }

    /// <summary><c>POST /api/auth/password-reset/confirm</c>: the new password from a live link; a pending session, as after a password.</summary>
    public async Task<Outcome<SessionStepResult<SignInResponse>>> ConfirmAsync(PasswordResetConfirmRequest request, string clientIp, string device, CancellationToken cancellationToken)
    {
        if (!AccountToken.TryParse(request.Token, out var token))
        {
            return new PortalError(ErrorCodes.ResetLinkInvalid);
        }

        var breached = await breaches.IsBreachedAsync(request.Password!, "reset", cancellationToken);
        string? newHash = null;
        EmailMessage? notice = null;
        AccountEntity? written = null;
        var outcome = await change.RunAsync<Outcome<SessionStepResult<SignInResponse>>>(token.AccountId, keep: null, SessionEndReasons.PasswordReset, account =>
        {
            notice = null;
            written = account;
            var now = time.GetUtcNow();
            if (account is null || !ResetTokenMatches(account, token.Secret, now))
            {
                return (AccountChange<Outcome<SessionStepResult<SignInResponse>>>.ReadOnly(new PortalError(ErrorCodes.ResetLinkInvalid)), false);
            }

            var problems = policy.Check(request.Password!, [account.Email, account.DisplayName, account.ClaimNumber]);
            if (problems.Count > 0)
            {
                // The link stays usable: it is used up only with the password it sets.
                var errors = new Dictionary<string, string[]> { ["password"] = [.. problems] };
                return (AccountChange<Outcome<SessionStepResult<SignInResponse>>>.ReadOnly(new PortalError(ErrorCodes.PasswordRejected, Errors: errors)), false);
            }

            if (breached)
            {
                return (AccountChange<Outcome<SessionStepResult<SignInResponse>>>.ReadOnly(BreachedPasswordError.For("password")), false);
            }

            account.PasswordHash = newHash ??= hasher.Hash(request.Password!);
            account.PasswordResetTokenHash = null;
            account.PasswordResetExpiresAt = null;
            PasswordLockout.RecordSuccess(account);
            notice = securityEmails.Claim(account, SecurityEmailKind.PasswordChanged, now, details: new SecurityEmailDetails(MethodsLeft: summary.Describe(account)));

            // Pending, whatever the account has: a reset proves the mailbox, never the second factor.
            // The link proved the mailbox: after support's reset, this session may set up the new method (rule SD15).
            var (cookie, insert) = sessions.Start(account, SessionStages.Pending, device: device, proven: [AuthenticationMethods.Password], mailboxProven: true);
            var step = new SessionStepResult<SignInResponse>(SignInResponse.For(account, factors), cookie);
            return (AccountChange<Outcome<SessionStepResult<SignInResponse>>>.Save(step, insert), true);
        }, cancellationToken);

        metrics.PasswordReset("confirmed", outcome.Error?.Code ?? PortalMetrics.Succeeded);
        if (outcome.Succeeded)
        {
            await securityEmails.SendAsync(await summary.NamingItemsAsync(notice, SecurityEmailKind.PasswordChanged, written!, time.GetUtcNow(), cancellationToken), token.AccountId);
            await audit.WriteAsync(token.AccountId, AuditEvents.PasswordReset, clientIp, null, cancellationToken);

            // After the write that ended every session: a device remembered later needs a session that outlived the reset, and none did.
            await devices.ForgetAllAsync(token.AccountId, DeviceForgetReasons.PasswordReset, clientIp, cancellationToken);
        }

        return outcome;
    }

    /// <summary>The limit that refuses this request (<c>ip-limit</c>, <c>email-limit</c>), or null; counts it against both otherwise.</summary>
    private async Task<string?> OverLimitAsync(string requestedEmail, string clientIp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // No client address to count (a platform hop, or none): the per-IP limit is skipped, never shared by everyone (rule B8).
        var address = addresses.ForLimits(clientIp);
        if (address.Key is null)
        {
            metrics.IpLimitSkipped("password_reset", address.SkipReason!);
            LogIpLimitSkipped(logger, address.SkipReason!);
        }
        else if (await counters.TryIncrementAsync(Counter(ClientIpScope, WindowCounter.Hash(address.Key), now), settings.MaxRequestsPerClientIpPerHour, cancellationToken) is null)
        {
            return "ip-limit";
        }

        // EmailKey is already the SHA-256 of the normalised address: the table holds no address in clear.
        var byEmail = Counter(EmailScope, EmailKey.For(requestedEmail), now);
        return await counters.TryIncrementAsync(byEmail, settings.MaxRequestsPerEmailPerHour, cancellationToken) is null ? "email-limit" : null;
    }

    private static WindowCounter Counter(string scope, string subject, DateTimeOffset now) => WindowCounter.Hourly(TableNames.ResetCounters, scope, subject, now);

    private static bool ResetTokenMatches(AccountEntity account, string secret, DateTimeOffset now)
        => account.PasswordResetTokenHash is { } stored
            && account.PasswordResetExpiresAt > now
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SecureTokens.Hash(secret)), Encoding.ASCII.GetBytes(stored));

    [LoggerMessage(EventId = 4410, Level = LogLevel.Information, Message = "The password_reset per-IP limit was skipped: no client address to count ({Reason}); the per-email limit still applies")]
    private static partial void LogIpLimitSkipped(ILogger logger, string reason);
}

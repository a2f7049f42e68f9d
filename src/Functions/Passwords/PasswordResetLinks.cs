using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Email;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Passwords;

/// <summary>
/// Forgotten-password links: single use, 30 minutes [<c>PasswordReset:LinkLifetime</c>], only the token's hash stored on the
/// account row, a newer link killing the older one; the email is written to the outbox queue once the row is written. For the customer's own
/// request (sign-in) and for support.
/// </summary>
public sealed class PasswordResetLinks(
    AccountStore store,
    EmailQueue emails,
    IOptions<PasswordResetOptions> options,
    IOptions<PortalOptions> portal)
{
    /// <summary>How long a reset link works.</summary>
    public TimeSpan LinkLifetime => options.Value.LinkLifetime;

    /// <summary>
    /// Stores a new link for the account and queues its email; an account without a password gets none. The email lists what
    /// <paramref name="methodsOf"/> says is still on the account (read from the account row alone, so a request costs the same
    /// storage work whether or not it emails, rule PR1), with a link to remove one.
    /// </summary>
    public async Task<ResetLinkIssue> IssueAsync(string accountId, DateTimeOffset now, Func<AccountEntity, IReadOnlyList<string>> methodsOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(methodsOf);
        var lifetime = options.Value.LinkLifetime;
        var secret = SecureTokens.NewToken();
        var issued = await store.ChangeAsync(accountId, account =>
        {
            if (account?.PasswordHash is null)
            {
                // Not activated: the activation link is the way in, and support sends a new one.
                return AccountChange<(ResetLinkIssue, EmailMessage?)>.ReadOnly((account is null ? ResetLinkIssue.NoAccount : ResetLinkIssue.NotActivated, null));
            }

            // One hash field: a new link replaces, and so kills, the one before.
            account.PasswordResetTokenHash = SecureTokens.Hash(secret);
            account.PasswordResetExpiresAt = now + lifetime;
            var link = new Uri(portal.Value.PublicOrigin, "/reset-password.html#token=" + new AccountToken(account.PartitionKey, secret));
            return AccountChange<(ResetLinkIssue, EmailMessage?)>.Save((ResetLinkIssue.Sent, PasswordResetEmail.Compose(account, link, lifetime, methodsOf(account), new Uri(portal.Value.PublicOrigin, SecurityEmailTexts.ManageMethodsPath))));
        }, cancellationToken);

        if (issued.Item2 is { } message)
        {
            // Queued, not sent here: the answer must not wait for, or be slower because of, the email.
            await emails.EnqueueAsync(message, accountId);
        }
        else
        {
            await QueueDecoyAsync();
        }

        return issued.Item1;
    }

    /// <summary>The outbox write of a request that emails nothing, so it costs what one that emails does (rule PR1).</summary>
    public Task QueueDecoyAsync() => emails.EnqueueDecoyAsync();
}

/// <summary>
/// Answer of <c>POST /api/auth/password-reset</c> (and of support's reset email), the same whatever the email: whether an
/// account uses it is never said. <paramref name="ExpiresInSeconds"/> is how long a link, if one went, works.
/// </summary>
public sealed record PasswordResetAccepted(int ExpiresInSeconds);

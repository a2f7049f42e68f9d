using System.Globalization;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Events;
using CustomerPortal.Functions.Http;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// Tells the customer by email whenever something about their sign-in changes or is tried: at most one email of a kind per
/// account every 10 minutes (<see cref="SecurityEmailOptions.MinimumInterval"/>), but every added or removed method and every
/// support action (<see cref="EveryTime"/>). When each kind last went is kept on the account row, and recorded in the same
/// conditional write as the change it reports, so parallel requests send one.
/// </summary>
public sealed class SecurityEmails(
    EmailQueue queue,
    EventOutbox events,
    IOptions<SupportContactOptions> support,
    IOptions<PortalOptions> portal,
    IOptions<SecurityEmailOptions> options)
{
    /// <summary>
    /// The kinds that go every time (rule EM2): each added or removed method is a binding the customer must hear of (NIST SP
    /// 800-63B-4), so a second one within the interval, say an attacker's passkey after the customer's own, is never silent;
    /// each needs a fresh step-up and passkeys are capped at 10, so they cannot flood. Support's reset carries a link that
    /// replaces the one before, and support's unlock is limited to 3 a day (rule SD7).
    /// </summary>
    public static bool EveryTime(SecurityEmailKind kind)
        => kind is SecurityEmailKind.MethodAdded or SecurityEmailKind.MethodRemoved or SecurityEmailKind.MfaResetBySupport or SecurityEmailKind.UnlockedBySupport
            or SecurityEmailKind.AccountDeleted or SecurityEmailKind.AccountDeletedAfterClaim or SecurityEmailKind.AccountDeletionWarning;

    /// <summary>The account page's list of methods, where each can be removed; linked under the methods still on the account.</summary>
    public Uri ManageMethods => new(portal.Value.PublicOrigin, SecurityEmailTexts.ManageMethodsPath);

    /// <summary>
    /// For a rule deciding an account change: records on <paramref name="account"/> that an email of <paramref name="kind"/>
    /// goes now and returns it, or returns null when one went within the interval. The caller writes the account, then
    /// hands the email to <see cref="Send"/>; a change that loses its write race decides, and claims, again.
    /// </summary>
    public EmailMessage? Claim(AccountEntity account, SecurityEmailKind kind, DateTimeOffset now, string? method = null, SecurityEmailDetails? details = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var sent = Parse(account.SecurityEmailsSentAt);
        var name = SecurityEmailTexts.Name(kind);
        if (!EveryTime(kind) && sent.TryGetValue(name, out var last) && now - last < options.Value.MinimumInterval && now >= last)
        {
            return null;
        }

        sent[name] = now;
        account.SecurityEmailsSentAt = Format(sent);
        return Compose(kind, account, now, method, details) with { Event = EventOf(kind, account, now, method) };
    }

    /// <summary>
    /// The event for other systems that goes with a security email of <paramref name="kind"/> (docs/events.md), or null for the
    /// kinds no system is told of (recovery codes). It goes when the email does, so under the same once-per-interval rule.
    /// </summary>
    public static PortalEvent? EventOf(SecurityEmailKind kind, AccountEntity account, DateTimeOffset at, string? method = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var (type, lockKind) = kind switch
        {
            SecurityEmailKind.PasswordChanged => (PortalEventTypes.PasswordChanged, null),
            SecurityEmailKind.MethodAdded => (PortalEventTypes.SecondFactorAdded, null),
            SecurityEmailKind.MethodRemoved => (PortalEventTypes.SecondFactorRemoved, null),
            SecurityEmailKind.PasswordLocked => (PortalEventTypes.Locked, "password"),
            SecurityEmailKind.SecondFactorLocked => (PortalEventTypes.Locked, "second_factor"),
            SecurityEmailKind.MfaResetBySupport => (PortalEventTypes.MfaReset, null),
            SecurityEmailKind.UnlockedBySupport => (PortalEventTypes.Unlocked, null),
            _ => ((string?)null, (string?)null),
        };
        return type is null ? null : PortalEvent.Of(type, at, account.PartitionKey, account.ClaimNumber, account.Email, method, lockKind);
    }

    /// <summary>
    /// The email of <paramref name="kind"/> again, for an email <see cref="Claim"/> returned whose details were read only after the
    /// change's write (the passkeys' names); claims nothing.
    /// </summary>
    public EmailMessage Compose(SecurityEmailKind kind, AccountEntity account, DateTimeOffset at, string? method = null, SecurityEmailDetails? details = null)
        => SecurityEmailTexts.Compose(kind, account, at, method, support.Value.For(PortalLanguages.Of(account)), details, ManageMethods);

    /// <summary>
    /// Queues an email <see cref="Claim"/> returned, and the event that goes with it, once the change that claimed it is
    /// written (both in their outbox queues when this returns; the two writes run side by side).
    /// </summary>
    public async Task SendAsync(EmailMessage? message, string accountId)
    {
        if (message is not null)
        {
            await Task.WhenAll(queue.EnqueueAsync(message, accountId), events.PublishAsync(message.Event));
        }
    }

    // "password-changed=638...;method-added=638..." (UTC ticks): one string property, so a new kind needs no new column.
    private static Dictionary<string, DateTimeOffset> Parse(string? stored)
    {
        var sent = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var entry in (stored ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=');
            if (equals > 0 && long.TryParse(entry[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                sent[entry[..equals]] = new DateTimeOffset(ticks, TimeSpan.Zero);
            }
        }

        return sent;
    }

    private static string Format(Dictionary<string, DateTimeOffset> sent)
        => string.Join(';', sent.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value.UtcTicks.ToString(CultureInfo.InvariantCulture)}"));
}

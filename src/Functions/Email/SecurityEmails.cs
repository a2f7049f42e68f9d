using System.Globalization;
using CustomerPortal.Functions.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// Tells the customer by email whenever something about their sign-in changes or is tried: at most one email of a kind per
/// account every 10 minutes (<see cref="SecurityEmailOptions.MinimumInterval"/>). When each kind last went is kept on the
/// account row, and recorded in the same conditional write as the change it reports, so parallel requests send one.
/// </summary>
public sealed partial class SecurityEmails(
    EmailQueue queue,
    AccountStore store,
    IOptions<EmailOptions> email,
    IOptions<SecurityEmailOptions> options,
    TimeProvider time,
    ILogger<SecurityEmails> logger)
{
    /// <summary>
    /// For a rule deciding an account change: records on <paramref name="account"/> that an email of <paramref name="kind"/>
    /// goes now and returns it, or returns null when one went within the interval. The caller writes the account, then
    /// hands the email to <see cref="Send"/>; a change that loses its write race decides, and claims, again.
    /// </summary>
    public EmailMessage? Claim(AccountEntity account, SecurityEmailKind kind, DateTimeOffset now, string? method = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var sent = Parse(account.SecurityEmailsSentAt);
        var name = SecurityEmailTexts.Name(kind);
        if (sent.TryGetValue(name, out var last) && now - last < options.Value.MinimumInterval && now >= last)
        {
            return null;
        }

        sent[name] = now;
        account.SecurityEmailsSentAt = Format(sent);
        return SecurityEmailTexts.Compose(kind, account, now, method, email.Value.SupportContact);
    }

    /// <summary>Queues an email <see cref="Claim"/> returned, once the change that claimed it is written.</summary>
    public void Send(EmailMessage? message, string accountId)
    {
        if (message is not null)
        {
            queue.Enqueue(message, accountId);
        }
    }

    /// <summary>
    /// For a step whose own write is elsewhere: claims in an account change of its own (a read, and a write when the email
    /// goes) and queues the email. Never throws: an email never fails the customer's request.
    /// </summary>
    public async Task NotifyAsync(string accountId, SecurityEmailKind kind, string? method, CancellationToken cancellationToken)
    {
        try
        {
            var message = await store.ChangeAsync(accountId, account =>
                account is not null && Claim(account, kind, time.GetUtcNow(), method) is { } claimed
                    ? AccountChange<EmailMessage?>.Save(claimed)
                    : AccountChange<EmailMessage?>.ReadOnly(null),
                cancellationToken);
            Send(message, accountId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotQueued(logger, SecurityEmailTexts.Name(kind), accountId, exception.GetType().Name);
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

    [LoggerMessage(EventId = 4504, Level = LogLevel.Warning, Message = "Security email {Kind} for account {AccountId} was not queued: {Reason}")]
    private static partial void LogNotQueued(ILogger logger, string kind, string accountId, string reason);
}

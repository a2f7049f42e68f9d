using System.Buffers.Text;
using System.Security.Cryptography;
using Azure.Data.Tables;
using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// Opaque 256-bit session tokens in one HttpOnly, Secure, SameSite=Strict cookie; only a hash of the token
/// is stored. Pending sessions live 10 minutes; full ones 12 hours at most and end after 1 hour idle.
/// The one writer of session rows: it writes them itself, or builds the transaction action that goes
/// with an account change (<see cref="Start"/>, <see cref="End"/>, <see cref="AdvancePlan"/>).
/// </summary>
public sealed partial class SessionService(
    PortalTables tables,
    AccountStore accounts,
    IOptions<SessionOptions> options,
    TimeProvider time,
    IEnumerable<ISessionsEndedObserver> observers,
    ILogger<SessionService> logger)
{
    private SessionOptions Settings => options.Value;

    /// <summary>A new session for the account, as a transaction action to write with the account's own change.</summary>
    /// <param name="account">The account the session is for.</param>
    /// <param name="stage">Pending or full.</param>
    /// <param name="replacing">The session this one replaces: a full one keeps its 12-hour limit, so a step never extends it; the device name carries over.</param>
    /// <param name="secondFactorAt">When a second factor was proven for this session (a full session's step-up window counts from it).</param>
    /// <param name="device">The browser and system ("Chrome on Windows"); taken from <paramref name="replacing"/> when not given.</param>
    /// <param name="methods">The account's second-factor methods, which a full session keeps a copy of for <c>GET /api/me</c>.</param>
    /// <param name="proven">
    /// What the step that starts this session proved (<see cref="AuthenticationMethods"/>): added to what <paramref name="replacing"/>
    /// proved, and, when any, the session's <see cref="SessionEntity.AuthTime"/> is now; otherwise it carries over.
    /// </param>
    /// <param name="mailboxProven">The step proved the account's mailbox (an enrolment or reset link): see <see cref="SessionEntity.MailboxProvenAt"/>.</param>
    public (AccountToken Cookie, TableTransactionAction Insert) Start(
        AccountEntity account,
        string stage,
        SessionEntity? replacing = null,
        DateTimeOffset? secondFactorAt = null,
        string? device = null,
        IReadOnlyCollection<string>? proven = null,
        IReadOnlyList<string>? methods = null,
        bool mailboxProven = false)
    {
        var token = SecureTokens.NewToken();
        var now = time.GetUtcNow();
        var keep = replacing is { IsFull: true } && stage == SessionStages.Full;
        var session = new SessionEntity
        {
            PartitionKey = account.PartitionKey,
            RowKey = SessionEntity.RowPrefix + SecureTokens.Hash(token),
            Stage = stage,
            CreatedAt = keep ? replacing!.CreatedAt : now,
            LastSeenAt = now,
            ExpiresAt = keep ? replacing!.ExpiresAt : now + (stage == SessionStages.Full ? Settings.FullLifetime : Settings.PendingLifetime),
            SecondFactorAt = stage == SessionStages.Full ? secondFactorAt : null,
            Device = device ?? replacing?.Device,
            Amr = AuthenticationMethods.Union(replacing?.Amr, proven ?? []),
            AuthTime = proven is { Count: > 0 } ? now : replacing?.AuthTime,
            Sid = replacing?.Sid ?? NewSid(),
            MailboxProvenAt = mailboxProven ? now : replacing?.MailboxProvenAt,
        };
        if (stage == SessionStages.Full && !keep)
        {
            // A new full session is a sign-in; it is written with this account change, so it costs no extra request.
            account.LastSignInAt = now;
        }

        if (stage == SessionStages.Full)
        {
            session.Email = account.Email;
            session.DisplayName = account.DisplayName;
            session.ClaimNumber = account.ClaimNumber;
            session.Methods = string.Join(',', methods ?? []);
            session.OidcSubject = account.OidcSubject ??= SecureTokens.NewToken()[..22]; // 128 random bits; saved with this account change
        }

        return (new AccountToken(account.PartitionKey, token), new TableTransactionAction(TableTransactionActionType.Add, session));
    }

    /// <summary>
    /// The sessions a new session of <paramref name="stage"/> ends, to go in the transaction that starts it (rule SE19): of the
    /// account's live sessions of that stage (<paramref name="rows"/>, read with the account, so the limit costs no request), all but
    /// the newest <see cref="SessionOptions.MaxPerAccount"/> - 1, oldest first; <paramref name="replacing"/> is not counted (the
    /// new session takes its place). After the write, the caller tells the observers (<see cref="EndedAsync"/>) the sids.
    /// </summary>
    public SessionLimit Limit(IReadOnlyList<SessionEntity> rows, string stage, SessionEntity? replacing = null)
    {
        var now = time.GetUtcNow();
        var live = rows.Where(row => row.Stage == stage && row.RowKey != replacing?.RowKey && !HasEnded(row, now)).OrderBy(row => row.CreatedAt).ToList();
        var over = live.Count - (Settings.MaxPerAccount - 1);
        if (over <= 0)
        {
            return SessionLimit.None;
        }

        var ending = live.Take(over).ToList();
        return new SessionLimit([.. ending.Select(End)], [.. ending.Select(row => row.Sid).OfType<string>()]);
    }

    /// <summary>The action that ends a session, to go with the change that replaces it.</summary>
    public static TableTransactionAction End(SessionEntity session)
        => new(TableTransactionActionType.Delete, session, Azure.ETag.All);

    /// <summary>Finds the request's live session, of the given stages; refreshes its last-seen time at most every few minutes.</summary>
    public async Task<Outcome<SessionEntity>> ResolveAsync(HttpRequest request, CancellationToken cancellationToken, params string[] stages)
    {
        if (!AccountToken.TryParse(request.Cookies[Settings.CookieName], out var cookie))
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<SessionEntity>(cookie.AccountId, RowKeyOf(cookie), cancellationToken: cancellationToken);
        return found.HasValue ? await CheckAsync(found.Value, stages, cancellationToken) : await NotFoundAsync(cookie, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ResolveAsync"/>, reading the account row, the further rows <paramref name="rowKeys"/> of its partition and the
    /// account's sessions (for <see cref="Limit"/>) in the same query (one request), for a step that decides on the account.
    /// </summary>
    public async Task<Outcome<SessionRead>> ResolveWithAccountAsync(
        HttpRequest request, string[] stages, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken)
    {
        if (!AccountToken.TryParse(request.Cookies[Settings.CookieName], out var cookie))
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        var rowKey = RowKeyOf(cookie);
        var rows = await accounts.ReadAsync(cookie.AccountId, [rowKey, .. rowKeys], cancellationToken, withSessions: true);
        if (rows.Get<SessionEntity>(rowKey) is null)
        {
            return await NotFoundAsync(cookie, cancellationToken);
        }

        var session = await CheckAsync(rows.Get<SessionEntity>(rowKey), stages, cancellationToken);
        return session.Succeeded ? new SessionRead(session.Value!, rows) : session.Error!;
    }

    private static string RowKeyOf(AccountToken cookie) => SessionEntity.RowPrefix + SecureTokens.Hash(cookie.Secret);

    /// <summary>
    /// A cookie whose session is gone: <c>session_required</c>, with <c>reason: signed_out_elsewhere</c> when "Sign out other devices"
    /// ended it, so the page says so instead of "Your session has expired". The marker is only read: a page sends several requests
    /// at once, and each must hear the same reason (deleting it on the first read let a parallel one say "expired"). The cookie says
    /// so until the customer signs in again (a new cookie); housekeeping sweeps the marker when the session would have expired.
    /// </summary>
    private async Task<PortalError> NotFoundAsync(AccountToken cookie, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var markerKey = SignedOutMarkerEntity.RowKeyFor(RowKeyOf(cookie));
        var marker = await table.GetEntityIfExistsAsync<SignedOutMarkerEntity>(cookie.AccountId, markerKey, cancellationToken: cancellationToken);
        if (!marker.HasValue)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        return marker.Value!.ExpiresAt <= time.GetUtcNow()
            ? new PortalError(ErrorCodes.SessionRequired)
            : new PortalError(ErrorCodes.SessionRequired, Extensions: new Dictionary<string, object?> { ["reason"] = SignedOutElsewhere });
    }

    /// <summary>The <c>reason</c> of a <c>session_required</c> whose session "Sign out other devices" ended.</summary>
    public const string SignedOutElsewhere = "signed_out_elsewhere";

    private async Task<Outcome<SessionEntity>> CheckAsync(SessionEntity? session, string[] stages, CancellationToken cancellationToken)
    {
        if (session is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var now = time.GetUtcNow();
        if (HasEnded(session, now))
        {
            await table.DeleteEntityAsync(session.PartitionKey, session.RowKey, Azure.ETag.All, cancellationToken);
            return new PortalError(ErrorCodes.SessionRequired);
        }

        if (stages.Length > 0 && !stages.Contains(session.Stage))
        {
            return new PortalError(ErrorCodes.WrongStage);
        }

        if (session.IsFull && now - session.LastSeenAt >= Settings.LastSeenResolution)
        {
            // Merge the one property: writing the whole row could undo a parallel setup step's change.
            session.LastSeenAt = now;
            var touch = new TableEntity(session.PartitionKey, session.RowKey) { [nameof(SessionEntity.LastSeenAt)] = now };
            try
            {
                await table.UpdateEntityAsync(touch, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 404)
            {
                return new PortalError(ErrorCodes.SessionRequired);
            }
        }

        return session;
    }

    /// <summary>Whether a session is over at <paramref name="now"/>: past its lifetime, or a full session idle too long.</summary>
    public bool HasEnded(SessionEntity session, DateTimeOffset now)
        => now >= session.ExpiresAt || (session.IsFull && now - session.LastSeenAt >= Settings.IdleTimeout);

    /// <summary>The last-seen time before which a full session has been idle too long at <paramref name="now"/>.</summary>
    public DateTimeOffset IdleSince(DateTimeOffset now) => now - Settings.IdleTimeout;

    /// <summary>Stores the MFA setup plan chosen in this session (merging only those properties: a whole row would reset its times).</summary>
    public async Task SavePlanAsync(SessionEntity session, IReadOnlyList<string> steps, CancellationToken cancellationToken)
    {
        session.SetupPlan = session.SetupRemaining = string.Join(',', steps);
        var plan = new TableEntity(session.PartitionKey, session.RowKey)
        {
            [nameof(SessionEntity.SetupPlan)] = session.SetupPlan,
            [nameof(SessionEntity.SetupRemaining)] = session.SetupRemaining,
        };
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        await table.UpdateEntityAsync(plan, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The action that records the setup steps still to do, to go with the account change that finished one.</summary>
    public static TableTransactionAction AdvancePlan(SessionEntity session, IReadOnlyList<string> remaining)
    {
        var progress = new TableEntity(session.PartitionKey, session.RowKey) { [nameof(SessionEntity.SetupRemaining)] = string.Join(',', remaining) };
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, progress, Azure.ETag.All);
    }

    /// <summary>
    /// The action that records a second factor proven now in <paramref name="session"/> (a step-up), to go with the account change:
    /// its time (the step-up window's start and the session's <see cref="SessionEntity.AuthTime"/>) and what it proved. It closes
    /// the session's open <see cref="SessionEntity.Challenge"/>, which a proof answers once.
    /// </summary>
    public static TableTransactionAction MarkSecondFactor(SessionEntity session, DateTimeOffset at, IReadOnlyCollection<string> proven)
    {
        session.SecondFactorAt = at;
        session.AuthTime = at;
        session.Amr = AuthenticationMethods.Union(session.Amr, proven);
        session.Challenge = "";
        var proof = new TableEntity(session.PartitionKey, session.RowKey)
        {
            [nameof(SessionEntity.SecondFactorAt)] = at,
            [nameof(SessionEntity.AuthTime)] = at,
            [nameof(SessionEntity.Amr)] = session.Amr,
            [nameof(SessionEntity.Challenge)] = "",
        };
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, proof, Azure.ETag.All);
    }

    /// <summary>Opens a ceremony in the session: its options, answerable until <paramref name="expiresAt"/>; a newer one replaces it.</summary>
    public async Task SaveChallengeAsync(SessionEntity session, string optionsJson, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var challenge = new TableEntity(session.PartitionKey, session.RowKey)
        {
            [nameof(SessionEntity.Challenge)] = optionsJson,
            [nameof(SessionEntity.ChallengeExpiresAt)] = expiresAt,
        };
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        await table.UpdateEntityAsync(challenge, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The action that closes the session's open ceremony (its answer was checked), to go with the account change.</summary>
    public static TableTransactionAction CloseChallenge(SessionEntity session)
    {
        session.Challenge = "";
        var closed = new TableEntity(session.PartitionKey, session.RowKey) { [nameof(SessionEntity.Challenge)] = "" };
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, closed, Azure.ETag.All);
    }

    /// <summary>The action that refreshes the copy of the account's methods a full session keeps for <c>GET /api/me</c>.</summary>
    public static TableTransactionAction CopyMethods(SessionEntity session, IReadOnlyList<string> methods)
    {
        session.Methods = string.Join(',', methods);
        var copy = new TableEntity(session.PartitionKey, session.RowKey) { [nameof(SessionEntity.Methods)] = session.Methods };
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, copy, Azure.ETag.All);
    }

    /// <summary>The account's live sessions (one partition query over the <c>session-</c> rows; expired ones are left out).</summary>
    public async Task<IReadOnlyList<SessionEntity>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var now = time.GetUtcNow();
        var filter = SessionRowsOf(accountId);
        var live = new List<SessionEntity>();
        await foreach (var session in table.QueryAsync<SessionEntity>(filter, cancellationToken: cancellationToken))
        {
            if (now < session.ExpiresAt && !(session.IsFull && now - session.LastSeenAt >= Settings.IdleTimeout))
            {
                live.Add(session);
            }
        }

        return live;
    }

    /// <summary>
    /// Ends every session of the account except <paramref name="keep"/> (all of them when null), then tells the observers with
    /// <paramref name="reason"/>; answers how many it ended.
    /// </summary>
    public async Task<int> EndOthersAsync(string accountId, SessionEntity? keep, string reason, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        var filter = SessionRowsOf(accountId);
        var sids = new List<string>();
        var ended = 0;
        await foreach (var session in table.QueryAsync<TableEntity>(filter, select: ["RowKey", nameof(SessionEntity.Sid), nameof(SessionEntity.ExpiresAt)], cancellationToken: cancellationToken))
        {
            if (session.RowKey == keep?.RowKey)
            {
                continue;
            }

            if (reason == SessionEndReasons.OthersSignedOut && session.GetDateTimeOffset(nameof(SessionEntity.ExpiresAt)) is { } expiresAt)
            {
                // Before the delete: a browser that asks in between still finds its session, never a bare "expired".
                var marker = new SignedOutMarkerEntity { PartitionKey = accountId, RowKey = SignedOutMarkerEntity.RowKeyFor(session.RowKey), ExpiresAt = expiresAt };
                await table.UpsertEntityAsync(marker, TableUpdateMode.Replace, cancellationToken);
            }

            await table.DeleteEntityAsync(accountId, session.RowKey, Azure.ETag.All, cancellationToken);
            ended++;
            if (session.GetString(nameof(SessionEntity.Sid)) is { } sid)
            {
                sids.Add(sid);
            }
        }

        await EndedAsync(accountId, sids, reason, cancellationToken);
        return ended;
    }

    /// <summary>The query filter for every session row of one account (a range of row keys in its partition).</summary>
    private static string SessionRowsOf(string accountId)
        => TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {SessionEntity.RowPrefix} and RowKey lt {SessionEntity.RowPrefixEnd}");

    /// <summary>Ends one session and tells the observers with <paramref name="reason"/>.</summary>
    public async Task EndAsync(SessionEntity session, string reason, CancellationToken cancellationToken)
    {
        await EndRowAsync(session, cancellationToken);
        await EndedAsync(session.PartitionKey, session.Sid is { } sid ? [sid] : [], reason, cancellationToken);
    }

    /// <summary>Deletes one session row, without telling anyone: for a caller that tells the observers of all it ended at once.</summary>
    public async Task EndRowAsync(SessionEntity session, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Accounts, cancellationToken);
        await table.DeleteEntityAsync(session.PartitionKey, session.RowKey, Azure.ETag.All, cancellationToken);
    }

    /// <summary>
    /// Tells every <see cref="ISessionsEndedObserver"/> that the sessions <paramref name="sids"/> of the account ended, after the
    /// write that ended them. An observer's failure is logged, and the others are still told.
    /// </summary>
    public async Task EndedAsync(string accountId, IReadOnlyCollection<string> sids, string reason, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.SessionsEndedAsync(accountId, sids, reason, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogObserverFailed(logger, exception, observer.GetType().Name, accountId, reason);
            }
        }
    }

    private static string NewSid() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Sets the session cookie: no expiry, so it ends with the browser session at the latest.</summary>
    public void WriteCookie(HttpResponse response, AccountToken cookie) =>
        response.Cookies.Append(Settings.CookieName, cookie.ToString(), PortalCookies.Options());

    public void ClearCookie(HttpResponse response) =>
        response.Cookies.Delete(Settings.CookieName, PortalCookies.Options());

    [LoggerMessage(Level = LogLevel.Error, Message = "Sessions-ended observer {Observer} failed for {AccountId} ({Reason}); the sessions have ended")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, string observer, string accountId, string reason);
}

/// <summary>What <see cref="SessionService.Limit"/> decided: the sessions' end actions, and their sids for the observers.</summary>
public sealed record SessionLimit(IReadOnlyList<TableTransactionAction> Ends, IReadOnlyList<string> Sids)
{
    public static SessionLimit None { get; } = new([], []);
}

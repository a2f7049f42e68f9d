using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// A session row in its account's partition (RowKey = "session-" + SHA-256 of the token; the token itself
/// is never stored). A full session carries the profile that <c>GET /api/me</c> shows, so that call is one read.
/// </summary>
public sealed class SessionEntity : ITableEntity
{
    public const string RowPrefix = "session-";

    /// <summary>The first RowKey after every <see cref="RowPrefix"/> row ('.' follows '-'), for range queries.</summary>
    public const string RowPrefixEnd = "session.";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary><see cref="SessionStages.Pending"/> (password verified) or <see cref="SessionStages.Full"/> (signed in).</summary>
    public string Stage { get; set; } = SessionStages.Pending;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When a second factor was last proven in this session (the sign-in's own, or a step-up); null for pending sessions.</summary>
    public DateTimeOffset? SecondFactorAt { get; set; }

    /// <summary>
    /// What this session proved, as RFC 8176 values (<see cref="AuthenticationMethods"/>), comma-separated: the union across its
    /// life, carried over when the row is replaced. For OpenID Connect's <c>amr</c>.
    /// </summary>
    public string? Amr { get; set; }

    /// <summary>
    /// When the customer last authenticated in this session: the password (pending), the second factor or passkey that made it
    /// full, a remembered device's password, and every step-up. For OpenID Connect's <c>auth_time</c>.
    /// </summary>
    public DateTimeOffset? AuthTime { get; set; }

    /// <summary>
    /// The session's id for OpenID Connect's <c>sid</c>: 128 random bits, Base64url, not a secret (the cookie's token is).
    /// Made with the session and carried over whenever its row is replaced, so one browser sign-in keeps one sid.
    /// </summary>
    public string? Sid { get; set; }

    /// <summary>
    /// The options (with their single-use challenge) of a ceremony open in this session to prove a second factor (a passkey's
    /// assertion), as JSON; empty once answered. Bound to the session, so it is read with it and taken in the answer's write.
    /// </summary>
    public string? Challenge { get; set; }

    /// <summary>Until when <see cref="Challenge"/> can be answered.</summary>
    public DateTimeOffset? ChallengeExpiresAt { get; set; }

    /// <summary>
    /// When this session proved the account's mailbox (the enrolment link, or a password reset link): after support's reset of
    /// the second factor, only such a session may set up the new one (rule SD15).
    /// </summary>
    public DateTimeOffset? MailboxProvenAt { get; set; }

    /// <summary>A short name of the browser and system that started the session ("Chrome on Windows"), from its User-Agent.</summary>
    public string? Device { get; set; }

    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? ClaimNumber { get; set; }
    public string? Methods { get; set; }

    /// <summary>A full session's copy of the account's OpenID Connect subject, so the authorization endpoint reads only this row.</summary>
    public string? OidcSubject { get; set; }

    /// <summary>
    /// The MFA setup plan chosen in this session ("sms,totp") and what is left of it. It lives in the
    /// session, not the account, so a later password-only session cannot finish someone's half-done setup.
    /// </summary>
    public string? SetupPlan { get; set; }
    public string? SetupRemaining { get; set; }

    [IgnoreDataMember]
    public string? NextSetupStep => SetupRemaining?.Split(',', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    [IgnoreDataMember]
    public bool IsFull => Stage == SessionStages.Full;
}

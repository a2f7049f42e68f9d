using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors.Passkeys;

namespace CustomerPortal.Functions.Support;

/// <summary>The query of <c>GET /api/support/accounts</c>: a claim number or an email, exactly one, and why the agent looks.</summary>
public sealed record SupportLookup(string? ClaimNumber, string? Email, string? Reason = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        errors.RequireText("reason", Reason, SupportActionRequest.MaxReasonLength);
        if (ClaimNumber is null == (Email is null))
        {
            errors.Add("claimNumber", "Give a claimNumber or an email, not both.");
            return;
        }

        if (ClaimNumber is not null)
        {
            if (errors.RequireText("claimNumber", ClaimNumber, 64) && !ClaimNumber.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '_'))
            {
                errors.Add("claimNumber", "A claim number has letters, digits, '-', '/' and '_' only.");
            }
        }
        else
        {
            errors.RequireText("email", Email, 254);
        }
    }
}

/// <summary>Body of every state-changing support call: why the agent acts (kept in the audit row).</summary>
public sealed record SupportActionRequest(string? Reason) : IValidatableRequest
{
    public const int MaxReasonLength = 500;

    public void Validate(ValidationErrors errors) => errors.RequireText("reason", Reason, MaxReasonLength);
}

/// <summary>What an agent sees of an account: its state, never a secret (phone as a hint only).</summary>
public record SupportAccountSummary(
    string AccountId,
    string DisplayName,
    string Email,
    string ClaimNumber,
    bool Activated,
    DateTimeOffset? ActivationExpiresAt,
    IReadOnlyList<string> Methods,
    string? PhoneHint,
    int RecoveryCodesRemaining,
    DateTimeOffset? PasswordLockedUntil,
    DateTimeOffset? MfaLockedUntil,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt);

/// <summary><c>GET /api/support/accounts/{id}</c>: the summary and the account's live sessions.</summary>
public sealed record SupportAccountDetail : SupportAccountSummary
{
    public SupportAccountDetail(
        SupportAccountSummary summary, IReadOnlyList<SupportSession> sessions, IReadOnlyList<SupportDevice> devices, IReadOnlyList<PasskeyView> passkeys)
        : base(summary) => (Sessions, Devices, Passkeys) = (sessions, devices, passkeys);

    public IReadOnlyList<SupportSession> Sessions { get; }

    /// <summary>The remembered devices (issue 12), newest first; no token.</summary>
    public IReadOnlyList<SupportDevice> Devices { get; }

    /// <summary>The passkeys (issue 13), oldest first; no key material.</summary>
    public IReadOnlyList<PasskeyView> Passkeys { get; }
}

/// <summary>One remembered device of the account, as the customer's own list shows it (no token, no <c>current</c>).</summary>
public sealed record SupportDevice(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt);

/// <summary>One live session of the account, as the customer's own session list shows it (no token).</summary>
public sealed record SupportSession(string Stage, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string Device);

/// <summary>One audit event: when, what, the client address, and for support calls who acted (Entra object id and name) and why.</summary>
public sealed record SupportEvent(DateTimeOffset At, string Event, string? Detail, string ClientIp, string? Agent, string? AgentName, string? Reason);

/// <summary>A page of the audit trail, newest first; <c>next</c> is the <c>before</c> of the next page, null on the last.</summary>
public sealed record SupportEventsPage(IReadOnlyList<SupportEvent> Events, string? Next);

using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Accounts.Sessions;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.SecondFactors;
using CustomerPortal.Functions.SecondFactors.Passkeys;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Privacy;

/// <summary>
/// <c>GET /api/me/data</c> (rule DP3): everything the portal holds about the signed-in customer, as JSON (schema
/// <c>AccountExport</c> in docs/openapi.yaml): the account, the sign-in methods without their secrets (no password hash, key,
/// phone number beyond its hint, code or hash), sessions, remembered devices, passkeys' names and dates, and the trail. It needs
/// a fresh step-up, as changing the methods does: a session left open on a shared computer does not hand the trail over.
/// </summary>
public sealed class AccountExport(
    AccountStore accounts,
    SessionService sessions,
    DeviceStore devices,
    PasskeyStore passkeys,
    SecondFactorRegistry factors,
    AuditLog audit,
    IOptions<MfaOptions> mfa,
    TimeProvider time)
{
    /// <summary>At most this many trail events are exported (the audit retention keeps the trail well below it).</summary>
    public const int MaxEvents = 5000;

    public async Task<Outcome<AccountData>> ExportAsync(SessionEntity session, string clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (StepUp.Require(session, now, mfa.Value) is { } stepUp)
        {
            return stepUp;
        }

        var id = session.PartitionKey;
        var account = await accounts.FindAsync(id, cancellationToken);
        if (account is null)
        {
            return new PortalError(ErrorCodes.SessionRequired);
        }

        await audit.WriteAsync(id, AuditEvents.DataExported, clientIp, null, cancellationToken);
        var live = await sessions.ListAsync(id, cancellationToken);
        var remembered = await devices.ListAsync(id, cancellationToken);
        var keys = await passkeys.ListAsync(id, cancellationToken);
        var (events, _) = await audit.ReadAsync(id, MaxEvents, null, cancellationToken);

        return new AccountData(
            now,
            new AccountDetails(id, account.Email, account.DisplayName, account.ClaimNumber, PortalLanguages.Of(account), account.CreatedAt, account.LastSignInAt, account.ClaimClosedAt),
            new MethodDetails(
                account.PasswordHash is not null,
                factors.EnrolledMethods(account),
                account.SmsPhoneHint,
                RecoveryCodes.Remaining(account)),
            [.. live.Select(s => new SessionDetails(s.Stage, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.SecondFactorAt, s.Amr))],
            [.. remembered.Select(d => new DeviceDetails(d.Id, d.Name, d.CreatedAt, d.LastUsedAt, d.ExpiresAt))],
            [.. keys.Select(p => new PasskeyDetails(p.Name, p.CreatedAt, p.LastUsedAt))],
            [.. events.Select(e => new EventDetails(e.Event, e.At, e.ClientIp, e.Detail, e.Agent, e.Reason))]);
    }
}

/// <summary>The answer of <c>GET /api/me/data</c>.</summary>
public sealed record AccountData(
    DateTimeOffset ExportedAt,
    AccountDetails Account,
    MethodDetails Methods,
    IReadOnlyList<SessionDetails> Sessions,
    IReadOnlyList<DeviceDetails> Devices,
    IReadOnlyList<PasskeyDetails> Passkeys,
    IReadOnlyList<EventDetails> Events);

public sealed record AccountDetails(
    string Id, string Email, string DisplayName, string ClaimNumber, string Language, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? ClaimClosedAt);

/// <summary>Which methods the account has; never a secret (the phone number only as its hint).</summary>
public sealed record MethodDetails(bool Password, IReadOnlyList<string> SecondFactors, string? PhoneHint, int RecoveryCodesLeft);

public sealed record SessionDetails(string Stage, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, DateTimeOffset? SecondFactorAt, string? Amr);

public sealed record DeviceDetails(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt);

public sealed record PasskeyDetails(string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

public sealed record EventDetails(string Event, DateTimeOffset At, string ClientIp, string? Detail, string? Agent, string? Reason);

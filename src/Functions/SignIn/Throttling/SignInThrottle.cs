using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;
using CustomerPortal.Functions.Storage;
using CustomerPortal.Functions.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>
/// Keeps credential stuffing off the password hash (docs/security-rules.md, section 1a). Before a sign-in hashes anything, it reads
/// the failed sign-ins of the client address, of its range and (one shard of) the whole service, and either refuses the request
/// (429 <c>too_many_attempts</c> with <c>Retry-After</c>), asks for a solved proof-of-work challenge (429 <c>challenge_required</c> with
/// the challenge), or counts it against the address and range (one conditional transaction, so parallel requests count exactly) and
/// lets it through. A sign-in that then succeeds gives its count back; one that fails adds to the service-wide count.
/// </summary>
/// <remarks>
/// Nothing here looks at the account, so the answers say nothing about whether an email has one. Password-reset links and passwordless
/// options are not hashed, so they are never refused here, but they need a solved challenge when sign-ins would.
/// </remarks>
public sealed partial class SignInThrottle(
    ThrottleStore store,
    SpentChallengeStore spent,
    SuspectedAddresses suspects,
    SignInDecoyStore decoys,
    AltchaChallenges challenges,
    IOptions<SignInThrottleOptions> options,
    TimeProvider time,
    PortalMetrics metrics,
    ILogger<SignInThrottle> logger)
{
    /// <summary>The actions a challenge is bound to (its signed <c>data.action</c>).</summary>
    public const string SignInAction = "sign_in";
    public const string PasswordResetAction = "password_reset";
    public const string PasskeyAction = "passkey_sign_in";

    /// <summary>
    /// The answer for a sign-in from an address (or range) this instance remembers as suspected (AB11), without a storage request: a
    /// refusal whatever the request carries, or a new challenge when it carries no answer to one. Null when storage must decide: nothing
    /// remembered, an answer to check and spend, or <paramref name="deviceCookie"/> (it may be the account's remembered device, AB5).
    /// </summary>
    public async Task<PortalError?> AnswerSignInFromMemoryAsync(ThrottleAddress? address, string? altcha, bool deviceCookie, CancellationToken cancellationToken)
        => deviceCookie ? null : await FromMemoryAsync(address, SignInAction, altcha, cancellationToken);

    /// <summary>The keys a request from <paramref name="clientIp"/> is counted and remembered under (null when the address is unknown).</summary>
    public ThrottleAddress? AddressOf(string clientIp) => store.AddressOf(clientIp);

    /// <summary>The counts for a request from <paramref name="address"/>; read in parallel with the email lookup.</summary>
    public Task<ThrottleCounts> ReadAsync(ThrottleAddress? address, CancellationToken cancellationToken)
        => store.ReadAsync(address, time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Lets a password sign-in through to its hash, or says why not. <paramref name="altcha"/> is the request's solved challenge, if
    /// any; <paramref name="exempt"/> is a remembered device of the account signing in (never throttled by address).
    /// </summary>
    public async Task<Outcome<SignInAdmission>> AdmitSignInAsync(ThrottleCounts counts, string? altcha, bool exempt, CancellationToken cancellationToken)
    {
        var solved = false;
        for (var attempt = 0; ; attempt++)
        {
            var decision = ThrottleDecision.For(counts, exempt, options.Value);
            Remember(counts, decision);
            if (decision.RefusedBy is { } scope)
            {
                metrics.SignInRefused(scope);
                return await HeldAsync(new PortalError(ErrorCodes.TooManyAttempts, RetryAfter: counts.Window.End - time.GetUtcNow()), scope, cancellationToken);
            }

            if (decision.ChallengeFor is { } suspected && !solved)
            {
                if (await SpendAsync(altcha, SignInAction, suspected, cancellationToken) is { } challenge)
                {
                    return await HeldAsync(challenge, suspected, cancellationToken);
                }

                solved = true;
            }

            if (counts.Address is null)
            {
                return new SignInAdmission(counts, Counted: false);
            }

            if (exempt)
            {
                // The count it does not make is a decoy write, so a device cookie's own account costs what every other email does (RD8).
                await decoys.WriteAsync(time.GetUtcNow(), cancellationToken);
                return new SignInAdmission(counts, Counted: false, Decoyed: true);
            }

            var (written, counted) = await store.TryCountAsync(counts, cancellationToken);
            if (written)
            {
                return new SignInAdmission(counted, Counted: true);
            }

            if (attempt >= 40)
            {
                throw new InvalidOperationException("A sign-in's throttle count lost 40 races in a row.");
            }

            counts = await store.RereadAsync(counts, cancellationToken);
        }
    }

    /// <summary>
    /// After the password check: a success gives back its count, a failure adds to the service-wide count. It runs after the sign-in's
    /// own write, so a storage outage here does not fail the answer (that would hide a session already stored, as an audit row's loss
    /// does not, B6): it is logged, and the count errs as it was left (a success stays counted, a failure is missing from one shard).
    /// </summary>
    public async Task SettleAsync(SignInAdmission admission, bool succeeded, CancellationToken cancellationToken)
    {
        if (admission is { Counted: true, Counts.Address: { } address })
        {
            if (succeeded)
            {
                // Its count goes back: what this instance remembers of the address may now be stricter than storage.
                suspects.Forget(address);
            }
            else
            {
                // What the next request from here will need now that this failure counts (the 30th may be the range's 100th).
                Remember(admission.Counts, ThrottleDecision.For(admission.Counts, exempt: false, options.Value));
            }
        }

        try
        {
            await ((succeeded, admission) switch
            {
                (false, _) => store.CountServiceWideAsync(admission.Counts, cancellationToken),
                (true, { Counted: true }) => store.GiveBackAsync(admission.Counts, cancellationToken),
                (true, { Decoyed: true }) => decoys.WriteAsync(time.GetUtcNow(), cancellationToken),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception exception) when (StorageOutage.IsOutage(exception, cancellationToken))
        {
            LogNotSettled(logger, succeeded ? "give-back" : "service-wide count");
        }
    }

    [LoggerMessage(EventId = 2511, Level = LogLevel.Warning, Message = "Sign-in throttle: the {Settlement} after a sign-in was not written, Table Storage did not answer; the sign-in's answer stands")]
    private static partial void LogNotSettled(ILogger logger, string settlement);

    /// <summary>
    /// For requests that hash nothing (a reset link, passwordless options): null when they may go on, else 429 <c>challenge_required</c>
    /// when sign-ins from the address (or the whole service) would need a challenge or be refused, unless <paramref name="altcha"/> solves one.
    /// </summary>
    public async Task<PortalError?> RequireChallengeAsync(string clientIp, string action, string? altcha, CancellationToken cancellationToken)
    {
        var address = store.AddressOf(clientIp);
        if (await FromMemoryAsync(address, action, altcha, cancellationToken) is { } remembered)
        {
            return remembered;
        }

        var counts = await ReadAsync(address, cancellationToken);
        var decision = ThrottleDecision.For(counts, exempt: false, options.Value);
        Remember(counts, decision);
        if ((decision.ChallengeFor ?? decision.RefusedBy) is not { } suspected)
        {
            return null;
        }

        return await SpendAsync(altcha, action, suspected, cancellationToken) is { } challenge
            ? await HeldAsync(challenge, suspected, cancellationToken)
            : null;
    }

    // Null when altcha solves a challenge of this action that was not spent before (it is spent now); else the problem with a new one.
    private async Task<PortalError?> SpendAsync(string? altcha, string action, string suspected, CancellationToken cancellationToken)
    {
        if (altcha is not null)
        {
            if (challenges.Verify(altcha, action, out var solved) == AltchaVerdict.Solved
                && await spent.TrySpendAsync(solved!.Nonce, DateTimeOffset.FromUnixTimeSeconds(solved.ExpiresAt), cancellationToken))
            {
                metrics.Challenge(action, "solved", suspected);
                return null;
            }

            metrics.Challenge(action, "rejected", suspected);
        }

        return Serve(action, suspected);
    }

    private PortalError Serve(string action, string suspected)
    {
        metrics.Challenge(action, "served", suspected);
        var extensions = new Dictionary<string, object?> { ["challenge"] = challenges.Create(action) };
        return new PortalError(ErrorCodes.ChallengeRequired, Extensions: extensions);
    }

    private void Remember(ThrottleCounts counts, ThrottleDecision decision)
    {
        if (counts.Address is { } address)
        {
            suspects.Remember(address, decision, counts.Window, time.GetUtcNow());
        }
    }

    // AB12: a 429 to an address or range under suspicion waits before it goes. On the wall clock, not the portal's TimeProvider: it
    // holds a connection, it decides nothing (a test's fake clock would hold it for ever).
    private async Task<PortalError> HeldAsync(PortalError error, string scope, CancellationToken cancellationToken)
    {
        if (scope is "address" or "range" && options.Value.HoldAnswers > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.HoldAnswers, cancellationToken);
        }

        return error;
    }

    // AB11: what storage would answer for a remembered suspect, when nothing in the request could change it.
    private async Task<PortalError?> FromMemoryAsync(ThrottleAddress? address, string action, string? altcha, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (address is null || suspects.Recall(address, now) is not { } known)
        {
            return null;
        }

        if (action == SignInAction && known.Decision.RefusedBy is { } scope)
        {
            metrics.SignInRefused(scope);
            return await HeldAsync(new PortalError(ErrorCodes.TooManyAttempts, RetryAfter: known.Until - now), scope, cancellationToken);
        }

        var suspected = known.Decision.RefusedBy ?? known.Decision.ChallengeFor!;
        return altcha is null ? await HeldAsync(Serve(action, suspected), suspected, cancellationToken) : null;
    }
}

using System.Diagnostics.Metrics;

namespace CustomerPortal.Functions.Telemetry;

/// <summary>
/// The portal's own metrics, all on one <see cref="Meter"/> named <c>CustomerPortal</c>; the features record through it.
/// A dimension value must be a short lowercase word (letters and <c>_</c>, at most 32): anything else is recorded as
/// <c>other</c>, so an email, a phone number, an IP address or an account id can never reach a metric.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "CustomerPortal";

    /// <summary>What a dimension value that is not a lowercase word is recorded as.</summary>
    public const string Other = "other";

    /// <summary>What a successful step is recorded as in a <c>result</c> dimension.</summary>
    public const string Succeeded = "succeeded";

    // Instrument names: the metric names in Application Insights (customMetrics) and in the alert queries of infra/app/alerts.bicep.
    public const string SignIns = "portal.sign_ins";
    public const string Activations = "portal.activations";
    public const string SecondFactorVerifications = "portal.mfa.verifications";
    public const string Setups = "portal.mfa.setups";
    public const string Locks = "portal.locks";
    public const string SmsMessages = "portal.sms.messages";
    public const string SmsBudgetUsed = "portal.sms.budget.used";
    public const string SupportActions = "portal.support.actions";
    public const string HousekeepingRemoved = "portal.housekeeping.removed";
    public const string HousekeepingRuns = "portal.housekeeping.runs";
    public const string DevicesRememberedMetric = "portal.devices.remembered";
    public const string DevicesForgottenMetric = "portal.devices.forgotten";
    public const string Emails = "portal.emails";
    public const string PasswordResets = "portal.password_resets";
    public const string AuditLostMetric = "portal.audit.lost";
    public const string IpLimitsSkipped = "portal.ip_limits.skipped";
    public const string SignInsRefused = "portal.sign_ins.refused";
    public const string Challenges = "portal.challenges";
    public const string BreachedPasswordChecks = "portal.breached_password_checks";
    public const string OutboxPoisoned = "portal.outbox.poisoned";
    public const string Webhooks = "portal.webhooks";

    private readonly Counter<long> signIns;
    private readonly Counter<long> activations;
    private readonly Counter<long> verifications;
    private readonly Counter<long> setups;
    private readonly Counter<long> locks;
    private readonly Counter<long> smsMessages;
    private readonly Gauge<double> smsBudgetUsed;
    private readonly Counter<long> supportActions;
    private readonly Counter<long> housekeepingRemoved;
    private readonly Counter<long> housekeepingRuns;
    private readonly Counter<long> devicesRemembered;
    private readonly Counter<long> devicesForgotten;
    private readonly Counter<long> emails;
    private readonly Counter<long> passwordResets;
    private readonly Counter<long> auditLost;
    private readonly Counter<long> ipLimitsSkipped;
    private readonly Counter<long> signInsRefused;
    private readonly Counter<long> challenges;
    private readonly Counter<long> breachedPasswordChecks;
    private readonly Counter<long> outboxPoisoned;
    private readonly Counter<long> webhooks;

    public PortalMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        signIns = meter.CreateCounter<long>(SignIns, "{sign-in}", "Password sign-ins, by result.");
        activations = meter.CreateCounter<long>(Activations, "{activation}", "Activations (first password), by result.");
        verifications = meter.CreateCounter<long>(SecondFactorVerifications, "{code}", "Second-factor codes checked, by method, purpose (sign_in or setup) and result.");
        setups = meter.CreateCounter<long>(Setups, "{method}", "Second-factor methods whose setup started or completed, by method and stage.");
        locks = meter.CreateCounter<long>(Locks, "{lock}", "Locks started, by kind (password or second_factor).");
        smsMessages = meter.CreateCounter<long>(SmsMessages, "{message}", "Verification texts, by outcome (sent, failed, refused), purpose and reason.");
        smsBudgetUsed = meter.CreateGauge<double>(SmsBudgetUsed, "1", "Share of today's SMS budget used (0 to 1), recorded at each text counted against it.");
        supportActions = meter.CreateCounter<long>(SupportActions, "{action}", "Actions of insurers' and support systems, by action.");
        housekeepingRemoved = meter.CreateCounter<long>(HousekeepingRemoved, "{item}", "Expired rows deleted and expired values cleared by the housekeeping job, by kind.");
        housekeepingRuns = meter.CreateCounter<long>(HousekeepingRuns, "{run}", "Housekeeping runs, by result (completed, stopped_early, failed).");
        devicesRemembered = meter.CreateCounter<long>(DevicesRememberedMetric, "{device}", "Devices remembered after a second factor (\"Don't ask for a code on this device\").");
        devicesForgotten = meter.CreateCounter<long>(DevicesForgottenMetric, "{device}", "Remembered devices forgotten, by reason.");
        emails = meter.CreateCounter<long>(Emails, "{email}", "Emails handed to the provider or not, by kind (password_reset, security_…) and outcome (sent, failed).");
        passwordResets = meter.CreateCounter<long>(PasswordResets, "{request}", "Password reset requests and confirmations, by stage (requested, confirmed) and result.");
        auditLost = meter.CreateCounter<long>(AuditLostMetric, "{event}", "Audit events not written because Table Storage was unavailable after the change they record, by event.");
        ipLimitsSkipped = meter.CreateCounter<long>(IpLimitsSkipped, "{request}", "Requests a per-IP limit did not count because no client address could be trusted, by limit and reason.");
        signInsRefused = meter.CreateCounter<long>(SignInsRefused, "{sign-in}", "Sign-ins refused before any password check (429 too_many_attempts), by scope (address, range).");
        challenges = meter.CreateCounter<long>(Challenges, "{challenge}", "Proof-of-work challenges served, solved and rejected, by action and scope (address, range, service).");
        breachedPasswordChecks = meter.CreateCounter<long>(BreachedPasswordChecks, "{password}", "New passwords checked against Pwned Passwords, by where (activation, reset, change) and result (breached, not_breached, unavailable).");
        webhooks = meter.CreateCounter<long>(Webhooks, "{delivery}", "Webhook deliveries, by subscriber and outcome (delivered, retried, dead_lettered).");
        outboxPoisoned = meter.CreateCounter<long>(OutboxPoisoned, "{message}", "Outbox messages that failed their last delivery and went to the poison queue, by kind.");
    }

    /// <summary>A password sign-in: <c>succeeded</c>, <c>wrong_password</c>, <c>locked</c>, <c>not_activated</c> or <c>unknown_email</c>.</summary>
    public void SignIn(string result) => signIns.Add(1, Tag("result", result));

    /// <summary>An activation: <c>succeeded</c> or the error code that refused it.</summary>
    public void Activation(string result) => activations.Add(1, Tag("result", result));

    /// <summary>A second-factor code checked: method <c>sms</c>, <c>totp</c> or <c>recovery</c>; purpose <c>sign_in</c> or <c>setup</c>; <c>succeeded</c> or the error code.</summary>
    public void SecondFactor(string method, string purpose, string result)
        => verifications.Add(1, Tag("method", method), Tag("purpose", purpose), Tag("result", result));

    /// <summary>A method's setup <c>started</c> (chosen in a plan) or <c>completed</c> (confirmed with its first code).</summary>
    public void Setup(string method, string stage) => setups.Add(1, Tag("method", method), Tag("stage", stage));

    /// <summary>A lock started: <c>password</c> or <c>second_factor</c>. Refusals during a lock are not counted.</summary>
    public void LockStarted(string kind) => locks.Add(1, Tag("kind", kind));

    /// <summary>A text the provider accepted, for <paramref name="purpose"/> (<c>setup</c> or <c>sign_in</c>).</summary>
    public void SmsSent(string purpose) => smsMessages.Add(1, Tag("outcome", "sent"), Tag("purpose", purpose));

    /// <summary>A text the provider did not take: <c>provider_rejected</c>, <c>provider_unavailable</c>, <c>timeout</c> (anything else is <c>other</c>).</summary>
    public void SmsFailed(string purpose, string reason) => smsMessages.Add(1, Tag("outcome", "failed"), Tag("purpose", purpose), Tag("reason", reason));

    /// <summary>A text the send limits refused before it reached the provider: <c>phone_limit</c>, <c>account_limit</c>, <c>ip_limit</c> or <c>daily_budget</c>.</summary>
    public void SmsRefused(string reason) => smsMessages.Add(1, Tag("outcome", "refused"), Tag("reason", reason));

    /// <summary>Today's SMS count against the daily budget, as a share (a budget of 0 counts as all used).</summary>
    public void SmsBudget(int used, int budget) => smsBudgetUsed.Record(budget <= 0 ? 1 : Math.Clamp((double)used / budget, 0, 1));

    /// <summary>An action of an insurer's or support system, e.g. <c>account_created</c>.</summary>
    public void SupportAction(string action) => supportActions.Add(1, Tag("action", action));

    /// <summary>Rows or values of one kind the housekeeping job removed.</summary>
    public void Removed(string kind, long count)
    {
        if (count > 0)
        {
            housekeepingRemoved.Add(count, Tag("kind", kind));
        }
    }

    /// <summary>A housekeeping run ended: <c>completed</c>, <c>stopped_early</c> (time budget spent; the next run goes on) or <c>failed</c>.</summary>
    public void HousekeepingRun(string result) => housekeepingRuns.Add(1, Tag("result", result));

    /// <summary>A device remembered after a right second-factor code.</summary>
    public void DeviceRemembered() => devicesRemembered.Add(1);

    /// <summary>
    /// Remembered devices forgotten: <c>customer</c>, <c>failures</c> (5 wrong passwords from it), <c>limit</c> (the oldest beyond 10),
    /// <c>replaced</c>, <c>password_changed</c>, <c>password_reset</c>, <c>method_removed</c>, <c>method_replaced</c>, <c>support</c>.
    /// </summary>
    public void DevicesForgotten(string reason, long count)
    {
        if (count > 0)
        {
            devicesForgotten.Add(count, Tag("reason", reason));
        }
    }
    /// <summary>
    /// An email the queue handed to the sender: <paramref name="tag"/> is its tag (<c>password-reset</c>, <c>security-password-changed</c>),
    /// recorded with <c>_</c> for <c>-</c>; <c>sent</c> or <c>failed</c>.
    /// </summary>
    public void Email(string tag, string outcome) => emails.Add(1, Tag("kind", tag?.Replace('-', '_')), Tag("outcome", outcome));

    /// <summary>
    /// A reset <c>requested</c> (result <c>sent</c>, <c>not_activated</c>, <c>unknown_email</c>, <c>ip_limit</c> or <c>email_limit</c>:
    /// for ops only, the customer's answer is the same) or <c>confirmed</c> (<c>succeeded</c> or the error code).
    /// </summary>
    public void PasswordReset(string stage, string? result) => passwordResets.Add(1, Tag("stage", stage), Tag("result", result?.Replace('-', '_')));

    /// <summary>An audit event lost to a storage outage after its change was stored: the event's name with <c>_</c> for <c>-</c>.</summary>
    public void AuditLost(string auditEvent) => auditLost.Add(1, Tag("event", auditEvent.Replace('-', '_')));

    /// <summary>
    /// A per-IP limit skipped because the request had no client address to count (rule B8): limit <c>sms</c> or
    /// <c>password_reset</c>; reason <c>unknown</c>, <c>not_public</c> (a platform hop) or <c>proxy</c> (a configured trusted proxy).
    /// </summary>
    public void IpLimitSkipped(string limit, string reason) => ipLimitsSkipped.Add(1, Tag("limit", limit), Tag("reason", reason));

    /// <summary>A sign-in refused before its password was checked (429 <c>too_many_attempts</c>): <c>address</c> or <c>range</c>.</summary>
    public void SignInRefused(string scope) => signInsRefused.Add(1, Tag("scope", scope));

    /// <summary>
    /// A proof-of-work challenge: <paramref name="action"/> <c>sign_in</c>, <c>password_reset</c> or <c>passkey_sign_in</c>;
    /// <paramref name="outcome"/> <c>served</c>, <c>solved</c> or <c>rejected</c> (wrong, expired, replayed); why it was asked:
    /// <c>address</c>, <c>range</c> or <c>service</c>.
    /// </summary>
    public void Challenge(string action, string outcome, string scope)
        => challenges.Add(1, Tag("action", action), Tag("outcome", outcome), Tag("scope", scope));

    /// <summary>A new password checked against Pwned Passwords: <c>activation</c>, <c>reset</c> or <c>change</c>; <c>breached</c>, <c>not_breached</c> or <c>unavailable</c>.</summary>
    public void BreachedPasswordCheck(string where, string result) => breachedPasswordChecks.Add(1, Tag("where", where), Tag("result", result));
    /// <summary>An outbox message that failed its last allowed delivery: the Functions host moves it to the poison queue (kind <c>email</c> or <c>event</c>).</summary>
    public void Poisoned(string kind) => outboxPoisoned.Add(1, Tag("kind", kind));

    /// <summary>
    /// A webhook delivery to <paramref name="subscriber"/> (a configured name, so few values): <c>delivered</c>, <c>retried</c>
    /// (not taken, tried again later) or <c>dead_lettered</c> (its last try failed).
    /// </summary>
    public void Webhook(string subscriber, string outcome) => webhooks.Add(1, new KeyValuePair<string, object?>("subscriber", subscriber), Tag("outcome", outcome));

    /// <summary>The value as recorded: itself when it is a lowercase word, else <see cref="Other"/>.</summary>
    public static string Word(string? value)
        => value is { Length: > 0 and <= 32 } && value.All(c => c is (>= 'a' and <= 'z') or '_') ? value : Other;

    private static KeyValuePair<string, object?> Tag(string name, string? value) => new(name, Word(value));
}

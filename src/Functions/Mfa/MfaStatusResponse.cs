namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Answer of <c>GET /api/mfa</c>: the session's stage, what each method shows of the account under <see cref="Enrolled"/>
/// (<c>sms</c>: the phone's hint or null, <c>totp</c>: whether set up, <c>passkeys</c>: how many), the setup plan and the
/// recovery codes left.
/// </summary>
public sealed record MfaStatusResponse(string Stage, IReadOnlyDictionary<string, object?> Enrolled, SetupPlanView? SetupPlan, int RecoveryCodesRemaining);

namespace CustomerPortal.Functions.Mfa;

/// <summary>Answer of <c>GET /api/mfa</c>.</summary>
public sealed record MfaStatusResponse(string Stage, EnrolledMethods Enrolled, SetupPlanView? SetupPlan, int RecoveryCodesRemaining);

/// <summary>The methods an account has set up; the phone only as a hint; how many passkeys.</summary>
public sealed record EnrolledMethods(SmsEnrollment? Sms, bool Totp, int Passkeys = 0);

/// <summary>An enrolled phone, shown only as a hint such as <c>+1 ••• ••• 0100</c>.</summary>
public sealed record SmsEnrollment(string? PhoneHint);

namespace CustomerPortal.Functions.Mfa;

/// <summary>Answer of <c>GET /api/mfa</c>.</summary>
public sealed record MfaStatusResponse(string Stage, EnrolledMethods Enrolled, SetupPlanView? SetupPlan, int RecoveryCodesRemaining);

namespace CustomerPortal.Functions.Mfa;

/// <summary>Answer of <c>POST /api/mfa/setup</c>.</summary>
public sealed record SetupPlanResponse(SetupPlanView SetupPlan);

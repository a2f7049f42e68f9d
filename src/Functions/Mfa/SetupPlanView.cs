namespace CustomerPortal.Functions.Mfa;

/// <summary>The chosen setup methods and the one to set up next (null when all are done).</summary>
public sealed record SetupPlanView(IReadOnlyList<string> Methods, string? Next);

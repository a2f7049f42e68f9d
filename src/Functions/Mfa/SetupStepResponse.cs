namespace CustomerPortal.Functions.Mfa;

/// <summary>Answer of a setup confirmation: the next method, or <c>done</c> with the recovery codes (shown this once).</summary>
public sealed record SetupStepResponse(string Next, IReadOnlyList<string>? RecoveryCodes);

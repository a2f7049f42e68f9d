namespace CustomerPortal.Functions.Mfa;

/// <summary>New recovery codes, shown once.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

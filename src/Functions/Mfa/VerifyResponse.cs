namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Answer of <c>POST /api/mfa/verify</c>. <see cref="RecoveryCodes"/> is set (shown this once) when the
/// account had none, e.g. after a setup left half-way in an earlier session.
/// </summary>
public sealed record VerifyResponse(bool SignedIn, int RecoveryCodesRemaining, IReadOnlyList<string>? RecoveryCodes = null);

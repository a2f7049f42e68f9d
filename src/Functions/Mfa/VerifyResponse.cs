namespace CustomerPortal.Functions.Mfa;

/// <summary>Answer of <c>POST /api/mfa/verify</c>.</summary>
public sealed record VerifyResponse(bool SignedIn, int RecoveryCodesRemaining);

namespace CustomerPortal.Functions.Mfa;

/// <summary>Answer of <c>POST /api/mfa/totp/setup</c>: the key (Base32, grouped for typing), its otpauth URI and QR code.</summary>
public sealed record TotpSetupResponse(string Secret, string OtpauthUri, string QrSvg, int ExpiresInSeconds);

namespace CustomerPortal.Functions.Mfa;

/// <summary>A new authenticator key: the raw bytes to store (protected), the Base32 for the key URI, and the same grouped by four for typing.</summary>
public sealed record TotpSecret(byte[] Key, string Base32, string GroupedBase32);

using System.Security.Cryptography;
using System.Text;

namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// The partition key for a claim number: SHA-256 hex of the trimmed, upper-cased number. Claim numbers may hold '/', which
/// table keys may not, and agents type them in any case.
/// </summary>
public static class ClaimKey
{
    public static string Normalize(string claimNumber) => claimNumber.Trim().ToUpperInvariant();

    public static string For(string claimNumber) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(claimNumber))));
}

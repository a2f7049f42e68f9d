using System.Security.Cryptography;
using System.Text;

namespace CustomerPortal.Functions.Accounts;

/// <summary>The partition key for an email: SHA-256 of the trimmed, lower-cased address (table keys may not hold every email character).</summary>
public static class EmailKey
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static string For(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(email))));
}

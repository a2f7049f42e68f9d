using System.Security.Cryptography;
using System.Text;
using CustomerPortal.Functions.Accounts;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// One-time recovery codes for a customer who has lost their phone: made, shown once, stored only as salted hashes on the account
/// row. Every first setup ends by issuing them (and a sign-in of an account without any), so they belong to the shared policy;
/// <c>Recovery/</c> is the method that checks one.
/// </summary>
/// <remarks>
/// Ten codes of ten characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), about 49 bits each; shown as
/// <c>ABCDE-FGHJK</c>. What the customer types is normalised first (upper case, spaces and dashes removed).
/// </remarks>
public static class RecoveryCodes
{
    /// <summary>The characters codes are made of.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>How many codes a customer receives.</summary>
    public const int Count = 10;

    /// <summary>Characters per code, not counting the dash.</summary>
    public const int Length = 10;

    private const int SaltSizeBytes = 16;

    /// <summary>Gives the account 10 new codes (replacing any old ones) and returns them in display form, to be shown once.</summary>
    public static IReadOnlyList<string> IssueTo(AccountEntity account)
    {
        var codes = Generate();
        account.RecoveryCodeHashes = string.Join(' ', codes.Select(c => Hash(Normalize(c))));
        return codes;
    }

    /// <summary>The salted hashes of the account's unused codes.</summary>
    public static IReadOnlyList<string> HashesOf(AccountEntity account)
        => account.RecoveryCodeHashes?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>How many unused codes the account has.</summary>
    public static int Remaining(AccountEntity account) => HashesOf(account).Count;

    /// <summary>Whether the account has an unused code.</summary>
    public static bool Has(AccountEntity account) => Remaining(account) > 0;

    /// <summary>A new set of distinct codes in display form, e.g. <c>7KQ4M-XW2PR</c>.</summary>
    public static IReadOnlyList<string> Generate()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < Count)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, Length);
            codes.Add($"{code[..(Length / 2)]}-{code[(Length / 2)..]}");
        }

        return [.. codes];
    }

    /// <summary>What the customer typed, in the form codes are hashed in: upper case, without spaces or dashes.</summary>
    public static string Normalize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var normalized = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (!char.IsWhiteSpace(c) && c != '-')
            {
                normalized.Append(char.ToUpperInvariant(c));
            }
        }

        return normalized.ToString();
    }

    /// <summary>A salted SHA-256 of a normalised code, <c>{base64 salt}.{base64 hash}</c>.</summary>
    /// <remarks>A fast hash is enough: each code has about 49 random bits, and the salt stops one table from covering every account.</remarks>
    public static string Hash(string normalizedCode)
    {
        ArgumentNullException.ThrowIfNull(normalizedCode);
        var salt = RandomNumberGenerator.GetBytes(SaltSizeBytes);
        return $"{Convert.ToBase64String(salt)}.{Convert.ToBase64String(Compute(salt, normalizedCode))}";
    }

    /// <summary>Whether a normalised code is the one behind <paramref name="storedHash"/>; compares in constant time.</summary>
    public static bool Matches(string normalizedCode, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(normalizedCode);
        ArgumentNullException.ThrowIfNull(storedHash);

        var parts = storedHash.Split('.');
        if (parts.Length != 2)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[0]);
            var expected = Convert.FromBase64String(parts[1]);
            return CryptographicOperations.FixedTimeEquals(Compute(salt, normalizedCode), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Compute(byte[] salt, string normalizedCode)
    {
        var code = Encoding.UTF8.GetBytes(normalizedCode);
        var input = new byte[salt.Length + code.Length];
        salt.CopyTo(input, 0);
        code.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }
}

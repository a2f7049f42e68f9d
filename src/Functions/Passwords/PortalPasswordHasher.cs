using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Passwords;

/// <summary>Hashes and checks customers' passwords with ASP.NET Core Identity's PBKDF2 hasher.</summary>
/// <remarks>
/// <para>
/// Identity's V3 format is PBKDF2 with HMAC-SHA512 (since ASP.NET Core 7, so in .NET 8 and the .NET 10 shared framework this
/// app runs on; earlier versions used HMAC-SHA256), a 128-bit salt and a 256-bit subkey; the PRF and the
/// iteration count are written into every hash (<c>0x01 | prf | iterations | salt size | salt | subkey</c>), so older hashes
/// keep verifying and come back as <see cref="PasswordCheck.SuccessRehashNeeded"/> when they used fewer iterations or SHA-1/SHA-256.
/// The unit tests read the header of a fresh hash to prove the PRF is HMAC-SHA512 and the count is the configured one.
/// </para>
/// <para>
/// Passwords are normalised to Unicode NFKC before hashing (NIST SP 800-63B 5.1.1.2), so the same passphrase typed on
/// another keyboard, with composed or decomposed accents, still matches.
/// </para>
/// <para>Not sealed, and <see cref="Verify"/> is virtual, so a test can count the checks a request made (the sign-in throttle's tests prove a refused sign-in hashes nothing).</para>
/// </remarks>
public class PortalPasswordHasher
{
    private static readonly object User = new();

    private readonly PasswordHasher<object> _hasher;
    private readonly Lazy<string> _dummyHash;

    public PortalPasswordHasher(IOptions<PasswordOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.IterationCount,
        }));

        // Made once, on first use, with this hasher's own iteration count so that checking it costs what a real check costs.
        // Held per instance rather than in a static: the hasher is a singleton, and a static would keep the count of whichever
        // instance asked first. The password is random and thrown away: nothing can ever match it.
        _dummyHash = new Lazy<string>(() => _hasher.HashPassword(User, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }

    /// <summary>Hashes a new password with the configured iteration count.</summary>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return _hasher.HashPassword(User, Normalize(password));
    }

    /// <summary>Checks a password against a stored hash; <paramref name="storedHash"/> is <c>null</c> when the email has no account.</summary>
    public virtual PasswordCheck Verify(string? storedHash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (storedHash is null)
        {
            // Do the full PBKDF2 work anyway, so an unknown email answers no faster than a wrong password.
            _hasher.VerifyHashedPassword(User, _dummyHash.Value, Normalize(password));
            return PasswordCheck.Failed;
        }

        try
        {
            return _hasher.VerifyHashedPassword(User, storedHash, Normalize(password)) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
        }
        catch (FormatException)
        {
            // A damaged stored hash must still not answer faster than a wrong password.
            _hasher.VerifyHashedPassword(User, _dummyHash.Value, Normalize(password));
            return PasswordCheck.Failed;
        }
    }

    private static string Normalize(string password) =>
        password.IsNormalized(NormalizationForm.FormKC) ? password : password.Normalize(NormalizationForm.FormKC);
}

/// <summary>The outcome of checking a password against its stored hash.</summary>
public enum PasswordCheck
{
    /// <summary>Wrong password, or no account: the caller must not be able to tell which.</summary>
    Failed,

    /// <summary>The password is right.</summary>
    Success,

    /// <summary>The password is right and the stored hash is weaker than today's settings: store <see cref="PortalPasswordHasher.Hash"/> of it now.</summary>
    SuccessRehashNeeded,
}

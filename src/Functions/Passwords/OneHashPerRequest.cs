namespace CustomerPortal.Functions.Passwords;

/// <summary>
/// The password checks of one request (sign-in, a password change): a result is reused when a lost write race makes the
/// request decide again on the same stored hash, so parallel guesses cost one PBKDF2 each, not one per retry.
/// </summary>
public sealed class OneHashPerRequest(PortalPasswordHasher hasher, string password)
{
    private string? checkedHash;
    private PasswordCheck result;
    private bool dummyDone;

    public string Password => password;

    public PasswordCheck Against(string storedHash)
    {
        if (checkedHash != storedHash)
        {
            result = hasher.Verify(storedHash, password);
            checkedHash = storedHash;
        }

        return result;
    }

    /// <summary>Spends the same hashing time as a real check, once, when there is nothing to check against.</summary>
    public void Dummy()
    {
        if (!dummyDone && checkedHash is null)
        {
            hasher.Verify(null, password);
            dummyDone = true;
        }
    }
}

namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>The stages of signing in: the two stored on a session row, and the ones the API tells the pages.</summary>
public static class SessionStages
{
    /// <summary>Stored: the password (or activation token) is verified; the second factor is not yet.</summary>
    public const string Pending = "pending";

    /// <summary>Stored: signed in.</summary>
    public const string Full = "full";

    /// <summary>Answered: a pending session whose next step is setting up a second factor.</summary>
    public const string MfaSetup = "mfa-setup";

    /// <summary>Answered: a pending session whose next step is a code from a method already set up.</summary>
    public const string MfaVerify = "mfa-verify";

    /// <summary>Answered: a full session.</summary>
    public const string SignedIn = "signed-in";
}

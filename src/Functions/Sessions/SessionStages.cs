namespace CustomerPortal.Functions.Sessions;

/// <summary>The two kinds of session.</summary>
public static class SessionStages
{
    /// <summary>The password (or activation token) is verified; the second factor is not yet.</summary>
    public const string Pending = "pending";

    /// <summary>Signed in.</summary>
    public const string Full = "full";
}

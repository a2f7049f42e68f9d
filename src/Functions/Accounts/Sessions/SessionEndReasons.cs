namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>Why sessions ended, as <see cref="ISessionsEndedObserver"/> is told.</summary>
public static class SessionEndReasons
{
    /// <summary>The customer signed out (<c>POST /api/auth/logout</c>).</summary>
    public const string Logout = "logout";

    /// <summary>The customer changed the password: every other session ended.</summary>
    public const string PasswordChanged = "password_changed";

    /// <summary>A reset link set a new password: every session ended.</summary>
    public const string PasswordReset = "password_reset";

    /// <summary>"Sign out other devices": every other session ended.</summary>
    public const string OthersSignedOut = "others_signed_out";

    /// <summary>Support ended every session.</summary>
    public const string SupportEndSessions = "support_end_sessions";

    /// <summary>Support reset the second factor, which ends every session.</summary>
    public const string SupportResetMfa = "support_reset_mfa";

    /// <summary>A new session of the account went beyond the limit of its stage, and the oldest of that stage ended (rule SE19).</summary>
    public const string SessionLimit = "session_limit";

    /// <summary>The account was deleted (by the customer, support, the admin API or the retention job): every session ends.</summary>
    public const string AccountDeleted = "account_deleted";
}

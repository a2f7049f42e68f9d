namespace CustomerPortal.Functions.Passwords;

/// <summary>What issuing a password-reset link for an account did.</summary>
public enum ResetLinkIssue
{
    /// <summary>A new link was stored and its email queued; any older link stopped working.</summary>
    Sent,

    /// <summary>The account has no password yet: its activation link is the way in.</summary>
    NotActivated,

    /// <summary>No account has this id.</summary>
    NoAccount,
}

using CustomerPortal.Functions.Accounts.Sessions;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// The MFA setup plan a session carries: the methods chosen (in setup order: SMS, the app, the passkey) and the steps left.
/// It lives in the session, not the account, so a later password-only session cannot finish someone's half-done setup.
/// </summary>
public static class SetupPlan
{
    /// <summary>What a setup step answers as <c>next</c> when no step is left.</summary>
    public const string Done = "done";

    /// <summary>
    /// A full session may change MFA. A pending session may only while every method the account has (<paramref name="enrolled"/>)
    /// was confirmed in this same session's plan: a password alone never adds or replaces a factor.
    /// </summary>
    public static bool CanSetUp(SessionEntity session, IReadOnlyList<string> enrolled)
    {
        if (session.IsFull)
        {
            return true;
        }

        var confirmedHere = Steps(session.SetupPlan).Except(Steps(session.SetupRemaining));
        return enrolled.All(confirmedHere.Contains);
    }

    /// <summary>The steps left once <paramref name="method"/> is confirmed.</summary>
    public static string[] Without(SessionEntity session, string method) => [.. Steps(session.SetupRemaining).Where(m => m != method)];

    /// <summary>The stage <c>GET /api/mfa</c> reports for this session and the account's methods.</summary>
    public static string StageOf(SessionEntity session, IReadOnlyList<string> enrolled)
        => session.IsFull ? SessionStages.SignedIn : CanSetUp(session, enrolled) ? SessionStages.MfaSetup : SessionStages.MfaVerify;

    /// <summary>A stored comma-separated list of steps.</summary>
    public static string[] Steps(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
}

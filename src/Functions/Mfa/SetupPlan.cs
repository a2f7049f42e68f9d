using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Sessions;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// The MFA setup plan a session carries: the methods chosen (SMS first when both) and the steps left.
/// It lives in the session, not the account, so a later password-only session cannot finish someone's half-done setup.
/// </summary>
public static class SetupPlan
{
    /// <summary>What a setup step answers as <c>next</c> when no step is left.</summary>
    public const string Done = "done";

    /// <summary>The plan in setup order: SMS, then the authenticator app, then the passkey.</summary>
    public static string[] Ordered(IEnumerable<string> methods)
        => [.. methods.OrderBy(m => m switch { MfaMethods.Sms => 0, MfaMethods.Totp => 1, _ => 2 })];

    /// <summary>
    /// A full session may change MFA. A pending session may only while every method the account has
    /// was confirmed in this same session's plan: a password alone never adds or replaces a factor.
    /// </summary>
    public static bool CanSetUp(SessionEntity session, AccountEntity account)
    {
        if (session.IsFull)
        {
            return true;
        }

        var confirmedHere = Steps(session.SetupPlan).Except(Steps(session.SetupRemaining));
        return account.Methods.All(confirmedHere.Contains);
    }

    /// <summary>The steps left once <paramref name="method"/> is confirmed.</summary>
    public static string[] Without(SessionEntity session, string method) => [.. Steps(session.SetupRemaining).Where(m => m != method)];

    /// <summary>The stage <c>GET /api/mfa</c> reports for this session and account.</summary>
    public static string StageOf(SessionEntity session, AccountEntity account)
        => session.IsFull ? SessionStages.SignedIn : CanSetUp(session, account) ? SessionStages.MfaSetup : SessionStages.MfaVerify;

    /// <summary>A stored comma-separated list of steps.</summary>
    public static string[] Steps(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
}

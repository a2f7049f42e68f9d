namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>Session cookies made once for the fuzz run (live ones of each stage, an expired and a signed-out one), and the accounts behind them.</summary>
/// <param name="PendingNew">Pending, after activation, no setup plan yet.</param>
/// <param name="Setup">Pending, after activation, with the plan SMS then authenticator chosen.</param>
/// <param name="Verify">Pending, after the password of an account with an authenticator: the verify step.</param>
/// <param name="Full">Signed in.</param>
/// <param name="Expired">Pending, older than its 10 minutes; its row is deleted when first presented.</param>
/// <param name="SignedOut">Signed in, then signed out: the row is gone.</param>
/// <param name="Emails">The accounts' emails.</param>
/// <param name="AccountIds">The accounts' ids.</param>
public sealed record FuzzSessions(
    string PendingNew,
    string Setup,
    string Verify,
    string Full,
    string Expired,
    string SignedOut,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> AccountIds);

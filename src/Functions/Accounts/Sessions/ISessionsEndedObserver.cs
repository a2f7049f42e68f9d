namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// Told after sessions of an account were ended (sign-out, a new password, "sign out other devices", support's actions), so
/// what hangs on them (OpenID Connect grants, back-channel logout) can end too. Registered in DI as any number of
/// <c>ISessionsEndedObserver</c>; none today.
/// </summary>
/// <remarks>
/// Called after the write that ended the sessions, once per path that ran (also when <c>sids</c> is empty: sessions started
/// before sids existed have none). An observer's failure is logged and does not change the answer: the sessions have ended.
/// An observer that must not lose its work queues it itself.
/// </remarks>
public interface ISessionsEndedObserver
{
    /// <param name="accountId">The account whose sessions ended.</param>
    /// <param name="sids">The <see cref="SessionEntity.Sid"/> of each session ended.</param>
    /// <param name="reason">One of <see cref="SessionEndReasons"/>.</param>
    /// <param name="cancellationToken">The request's token.</param>
    Task SessionsEndedAsync(string accountId, IReadOnlyCollection<string> sids, string reason, CancellationToken cancellationToken);
}

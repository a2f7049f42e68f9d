using CustomerPortal.Functions.Security;

namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// A step's answer plus, when the step replaced the session, the new session's cookie; and, when the step remembered the
/// device, the new device cookie (the function sets it: the cookie belongs to the Devices feature).
/// </summary>
public sealed record SessionStepResult<T>(T Response, AccountToken? Cookie, AccountToken? DeviceCookie = null);

/// <summary>A live session of the request and, read with it in one query, its account's row and the other rows asked for.</summary>
public sealed record SessionRead(SessionEntity Session, AccountRows Rows)
{
    public AccountEntity? Account => Rows.Account;
}

using CustomerPortal.Functions.Accounts.Devices;
using CustomerPortal.Functions.Security;

namespace CustomerPortal.Functions.Accounts.Sessions;

/// <summary>
/// A step's answer plus, when the step replaced the session, the new session's cookie; and, when the step remembered the
/// device, the new device cookie (the function sets it: the cookie belongs to the Devices feature).
/// </summary>
public sealed record SessionStepResult<T>(T Response, AccountToken? Cookie, AccountToken? DeviceCookie = null);

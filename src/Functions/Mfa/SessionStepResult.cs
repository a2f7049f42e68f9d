using CustomerPortal.Functions.Sessions;

namespace CustomerPortal.Functions.Mfa;

/// <summary>A step's answer plus, when the session was replaced, the new session's cookie.</summary>
public sealed record SessionStepResult<T>(T Response, SessionCookie? Cookie);

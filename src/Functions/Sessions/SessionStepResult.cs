using CustomerPortal.Functions.Security;

namespace CustomerPortal.Functions.Sessions;

/// <summary>A step's answer plus, when the step replaced the session, the new session's cookie.</summary>
public sealed record SessionStepResult<T>(T Response, AccountToken? Cookie);

using CustomerPortal.Functions.Sessions;

namespace CustomerPortal.Functions.Auth;

/// <summary>A successful password step: the answer for the caller and the new pending session's cookie.</summary>
public sealed record SignInResult(SignInResponse Response, SessionCookie Cookie);

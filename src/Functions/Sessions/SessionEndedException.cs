namespace CustomerPortal.Functions.Sessions;

/// <summary>The session a step wanted to end or change was ended meanwhile (sign-out, another tab's step, expiry).</summary>
public sealed class SessionEndedException() : Exception("The session ended while the request was being handled.");

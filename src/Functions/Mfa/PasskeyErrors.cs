using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>The code-check errors in a passkey's words: a refused answer is <c>passkey_rejected</c>, a spent challenge <c>passkey_challenge_expired</c>.</summary>
public static class PasskeyErrors
{
    public static PortalError? Translate(PortalError? error) => error?.Code switch
    {
        ErrorCodes.InvalidCode => error with { Code = ErrorCodes.PasskeyRejected },
        ErrorCodes.CodeExpired => error with { Code = ErrorCodes.PasskeyChallengeExpired },
        _ => error,
    };

    public static Outcome<T> Translate<T>(Outcome<T> outcome)
        => outcome.Error is { } error ? Translate(error)! : outcome;
}

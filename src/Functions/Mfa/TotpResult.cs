namespace CustomerPortal.Functions.Mfa;

/// <summary>Whether an authenticator code was accepted and, if so, its time step, which the caller stores as the last accepted step.</summary>
/// <param name="Accepted">The code is right, current, and not used before.</param>
/// <param name="MatchedStep">The 30-second step the code belongs to; -1 when not accepted.</param>
public sealed record TotpResult(bool Accepted, long MatchedStep)
{
    /// <summary>The answer for any code that is not accepted.</summary>
    public static TotpResult Rejected { get; } = new(false, -1);
}

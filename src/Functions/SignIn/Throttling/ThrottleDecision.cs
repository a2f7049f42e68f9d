namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>
/// What the counts say about a request: refused (<see cref="RefusedBy"/>: <c>address</c> or <c>range</c>), or let through only with a
/// solved challenge (<see cref="ChallengeFor"/>: <c>address</c>, <c>range</c> or <c>service</c>), or let through.
/// </summary>
public sealed record ThrottleDecision(string? RefusedBy, string? ChallengeFor)
{
    public static readonly ThrottleDecision Allowed = new(null, null);

    /// <summary>
    /// The rules of section 1a of docs/security-rules.md. <paramref name="exempt"/>: a remembered device of the account signing in,
    /// which is throttled by neither its address nor the service-wide count (its own wrong passwords forget it after 5, RD5).
    /// </summary>
    public static ThrottleDecision For(ThrottleCounts counts, bool exempt, SignInThrottleOptions options)
    {
        if (exempt)
        {
            return Allowed;
        }

        if (counts.Address is not null)
        {
            if (counts.AddressRow.Count >= options.MaxFailuresPerAddress)
            {
                return new ThrottleDecision("address", null);
            }

            if (counts.RangeRow.Count >= options.MaxFailuresPerRange)
            {
                return new ThrottleDecision("range", null);
            }

            if (counts.AddressRow.Count >= options.ChallengeAfterPerAddress)
            {
                return new ThrottleDecision(null, "address");
            }

            if (counts.RangeRow.Count >= options.ChallengeAfterPerRange)
            {
                return new ThrottleDecision(null, "range");
            }
        }

        return counts.ServiceWideEstimate(options.ServiceWideShards) >= options.ChallengeAfterServiceWide
            ? new ThrottleDecision(null, "service")
            : Allowed;
    }
}

namespace CustomerPortal.Testing;

/// <summary>How <see cref="FakeAcsServer"/> answers a correctly signed send, SMS or email.</summary>
public enum FakeAcsReply
{
    /// <summary>202, the recipient accepted (email: 202 with an <c>Operation-Location</c>).</summary>
    Success,

    /// <summary>
    /// SMS: 202, but the recipient refused (<c>successful: false</c>, status 400). Email: 400, as ACS Email refuses
    /// a recipient it cannot take at once (it has no per-recipient answer).
    /// </summary>
    RecipientFailure,

    /// <summary>429 with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,

    /// <summary>500.</summary>
    ServerError,

    /// <summary>No answer at all, until the client gives up.</summary>
    Hang,
}

namespace CustomerPortal.Testing;

/// <summary>How <see cref="FakeAcsServer"/> answers a correctly signed send.</summary>
public enum FakeAcsReply
{
    /// <summary>202, the recipient accepted.</summary>
    Success,

    /// <summary>202, but the recipient refused (<c>successful: false</c>, status 400).</summary>
    RecipientFailure,

    /// <summary>429 with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,

    /// <summary>500.</summary>
    ServerError,

    /// <summary>No answer at all, until the client gives up.</summary>
    Hang,
}

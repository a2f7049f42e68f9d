using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>Body of <c>POST /api/auth/passkey/options</c>, which may have none: a solved challenge, when one was asked for.</summary>
public sealed record ChallengeAnswer(string? Altcha) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => ChallengeField.Validate(errors, Altcha);
}

using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Security;

namespace CustomerPortal.Functions.SignIn.Throttling;

/// <summary>The shape check of a request's <c>altcha</c> field (a solved challenge): optional, text of at most 4,096 characters.</summary>
public static class ChallengeField
{
    public static void Validate(ValidationErrors errors, string? altcha)
    {
        if (altcha is not null && (altcha.Length == 0 || altcha.Length > AltchaChallenges.MaxPayloadLength))
        {
            errors.Add("altcha", $"This must be the challenge widget's payload, at most {AltchaChallenges.MaxPayloadLength} characters.");
        }
    }
}

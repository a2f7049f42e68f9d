using System.Text.Json;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.SecondFactors;

/// <summary>
/// Body of <c>POST /api/mfa/verify</c> (and of <c>POST /api/mfa/step-up</c>, which ignores <see cref="RememberDevice"/>): the method
/// and its code, or for <c>passkey</c> the browser's assertion; <c>rememberDevice: true</c> remembers this browser for 30 days when
/// the second factor is right. The method checks its own proof's shape (<see cref="ISecondFactor.ValidateProof"/>).
/// </summary>
public sealed record VerifyRequest(string? Method, string? Code, bool? RememberDevice = null, JsonElement? Credential = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (Method is not { Length: > 0 and <= 32 })
        {
            errors.Add("method", "Choose a method.");
        }
    }

    /// <summary>The check of the method and its proof against the registered methods.</summary>
    public static Action<VerifyRequest, ValidationErrors> CheckWith(SecondFactorRegistry factors) => (request, errors) =>
    {
        if (factors.Find(request.Method) is { } factor)
        {
            factor.ValidateProof(request, errors);
        }
        else
        {
            errors.Add("method", $"Use {SecondFactorRegistry.Quote(factors.All, "or")}.");
        }
    };
}

/// <summary>
/// Answer of <c>POST /api/mfa/verify</c>. <see cref="RecoveryCodes"/> is set (shown this once) when the
/// account had none, e.g. after a setup left half-way in an earlier session.
/// </summary>
public sealed record VerifyResponse(bool SignedIn, int RecoveryCodesRemaining, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>Answer of <c>POST /api/mfa/step-up</c>: changes to the methods are allowed until <see cref="StepUpUntil"/>.</summary>
public sealed record StepUpResponse(DateTimeOffset StepUpUntil, int RecoveryCodesRemaining);

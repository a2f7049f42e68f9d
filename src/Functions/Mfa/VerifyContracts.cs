using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>
/// Body of <c>POST /api/mfa/verify</c> (and of <c>POST /api/mfa/step-up</c>, which ignores <see cref="RememberDevice"/>): the method
/// and its code; <c>rememberDevice: true</c> remembers this browser for 30 days when the code is right.
/// </summary>
public sealed record VerifyRequest(string? Method, string? Code, bool? RememberDevice = null) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        switch (Method)
        {
            case MfaMethods.Sms or MfaMethods.Totp:
                CodeFormat.RequireSixDigits(errors, "code", Code);
                break;
            case MfaMethods.Recovery:
                CodeFormat.RequireRecoveryCode(errors, "code", Code);
                break;
            default:
                errors.Add("method", "Use \"sms\", \"totp\" or \"recovery\".");
                break;
        }
    }
}

/// <summary>
/// Answer of <c>POST /api/mfa/verify</c>. <see cref="RecoveryCodes"/> is set (shown this once) when the
/// account had none, e.g. after a setup left half-way in an earlier session.
/// </summary>
public sealed record VerifyResponse(bool SignedIn, int RecoveryCodesRemaining, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>Answer of <c>POST /api/mfa/step-up</c>: changes to the methods are allowed until <see cref="StepUpUntil"/>.</summary>
public sealed record StepUpResponse(DateTimeOffset StepUpUntil, int RecoveryCodesRemaining);

using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Mfa;

/// <summary>Body of <c>POST /api/mfa/verify</c>: the method and its code.</summary>
public sealed record VerifyRequest(string? Method, string? Code) : IValidatableRequest
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
